using Verbatim.Core.IO;

namespace Verbatim.Core.Compression;

/// <summary>Compresses to .xz through liblzma (<c>lzma_easy_encoder</c>) with a fixed preset (0–9) and check, like <c>xz -N</c>.</summary>
public sealed unsafe class XzEncoderStream : EncoderStream
{
    private readonly NativeResource codec;

    public XzEncoderStream(Stream destination, int preset = 6, XzCheck check = XzCheck.Crc64, bool extreme = false, bool leaveOpen = false)
        : base(destination, leaveOpen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(preset, 9);
        codec = Liblzma.Allocate();
        var ret = Liblzma.EasyEncoder(Native, (uint)preset | (extreme ? 1u << 31 : 0), (int)check);
        if (ret != Liblzma.Ok)
        {
            codec.Dispose();
            throw new InvalidOperationException($"xz: cannot initialise the encoder ({ret})");
        }
    }

    private Liblzma.Stream* Native => (Liblzma.Stream*)codec.Pointer;

    protected override void Encode(ReadOnlySpan<byte> input, bool finish)
    {
        var s = Native;
        fixed (byte* i = input)
        {
            s->NextIn = i;
            s->AvailIn = (nuint)input.Length;
            while (true)
            {
                s->NextOut = OutputPointer;
                s->AvailOut = (nuint)OutputLength;
                var ret = Liblzma.Code(s, finish ? Liblzma.Finish : Liblzma.Run);
                Emit(OutputLength - (int)s->AvailOut);
                if (ret == Liblzma.StreamEnd)
                {
                    return;
                }

                if (ret != Liblzma.Ok)
                {
                    throw ret == Liblzma.MemError ? new InsufficientMemoryException("xz: out of memory") : new MalformedInputException($"xz: encoder error {ret}");
                }

                if (!finish && s->AvailIn == 0 && s->AvailOut != 0)
                {
                    return;
                }
            }
        }
    }

    protected override void ReleaseCodec() => codec.Dispose();
}
