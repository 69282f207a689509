using Verbatim.Core.IO;

namespace Verbatim.Core.Compression;

/// <summary>
/// Decompresses .xz data through liblzma (<c>lzma_stream_decoder</c> with LZMA_CONCATENATED, so concatenated streams
/// and stream padding are read too), with a bound on the memory the decoder may use.
/// </summary>
public sealed unsafe class XzDecoderStream : DecoderStream
{
    /// <summary>The default bound on the decoder's memory; <c>xz -9</c> needs 65 MiB.</summary>
    public const ulong DefaultMemoryLimit = 512UL << 20;

    private readonly NativeResource codec;
    private readonly ulong memoryLimit;

    public XzDecoderStream(Stream source, ulong memoryLimit = DefaultMemoryLimit, bool leaveOpen = false)
        : base(source, leaveOpen)
    {
        this.memoryLimit = memoryLimit;
        codec = Liblzma.Allocate();
        var ret = Liblzma.StreamDecoder(Native, memoryLimit, Liblzma.Concatenated);
        if (ret != Liblzma.Ok)
        {
            codec.Dispose();
            throw Error(ret);
        }
    }

    private Liblzma.Stream* Native => (Liblzma.Stream*)codec.Pointer;

    protected override int Decode(Span<byte> output)
    {
        var s = Native;
        fixed (byte* o = output)
        {
            while (true)
            {
                var haveInput = EnsureInput();
                s->NextIn = PendingPointer;
                s->AvailIn = (nuint)PendingLength;
                s->NextOut = o;
                s->AvailOut = (nuint)output.Length;
                var ret = Liblzma.Code(s, haveInput ? Liblzma.Run : Liblzma.Finish);
                Consume(PendingLength - (int)s->AvailIn);
                var produced = output.Length - (int)s->AvailOut;
                if (ret == Liblzma.StreamEnd)
                {
                    Finished = true;
                    return produced;
                }

                if (ret != Liblzma.Ok)
                {
                    throw Error(ret);
                }

                if (produced > 0)
                {
                    return produced;
                }
            }
        }
    }

    private Exception Error(int ret) => ret switch
    {
        Liblzma.MemLimitError => new LimitExceededException($"xz: decompressing needs more than {memoryLimit >> 20} MiB of memory"),
        Liblzma.MemError => new InsufficientMemoryException("xz: out of memory"),
        Liblzma.FormatError => new MalformedInputException("xz: not in the .xz format (or trailing garbage after the compressed data)"),
        Liblzma.OptionsError => new MalformedInputException("xz: unsupported compression options"),
        Liblzma.DataError => new MalformedInputException("xz: compressed data is corrupt"),
        Liblzma.BufError => new MalformedInputException("truncated xz stream"),
        _ => new MalformedInputException($"xz: decoder error {ret}"),
    };

    protected override void ReleaseCodec() => codec.Dispose();
}
