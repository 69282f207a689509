using Verbatim.Core.IO;

namespace Verbatim.Core.Compression;

/// <summary>
/// Decompresses Zstandard data through libzstd (<c>ZSTD_decompressStream</c>): any number of frames one after another,
/// skippable frames included. The window (and so the decoder's memory) is bounded by libzstd's default limit.
/// </summary>
public sealed unsafe class ZstdDecoderStream : DecoderStream
{
    private readonly NativeResource codec;
    private nuint lastResult;
    private bool started;

    public ZstdDecoderStream(Stream source, bool leaveOpen = false)
        : base(source, leaveOpen)
    {
        codec = Libzstd.NewDecoder();
        var ret = Libzstd.InitDStream((IntPtr)codec.Pointer);
        if (Libzstd.IsError(ret) != 0)
        {
            codec.Dispose();
            throw new MalformedInputException("zstd: " + Libzstd.ErrorName(ret));
        }
    }

    protected override int Decode(Span<byte> output)
    {
        var context = (IntPtr)codec.Pointer;
        fixed (byte* o = output)
        {
            while (true)
            {
                var haveInput = EnsureInput();
                var input = new Libzstd.InBuffer { Src = PendingPointer, Size = (nuint)PendingLength, Pos = 0 };
                var outBuffer = new Libzstd.OutBuffer { Dst = o, Size = (nuint)output.Length, Pos = 0 };
                var ret = Libzstd.DecompressStream(context, &outBuffer, &input);
                if (Libzstd.IsError(ret) != 0)
                {
                    throw new MalformedInputException("zstd: " + Libzstd.ErrorName(ret));
                }

                Consume((int)input.Pos);
                var produced = (int)outBuffer.Pos;
                if (input.Pos > 0 || produced > 0)
                {
                    // With nothing to do the decoder answers with the size of the next frame's header: ignore it.
                    started = true;
                    lastResult = ret;
                }

                if (produced > 0)
                {
                    return produced;
                }

                if (!haveInput)
                {
                    // No more input and nothing more to flush: a complete last frame (0) or a cut one.
                    if (lastResult != 0 || !started)
                    {
                        throw new MalformedInputException("truncated zstd stream");
                    }

                    Finished = true;
                    return 0;
                }
            }
        }
    }

    protected override void ReleaseCodec() => codec.Dispose();
}
