namespace Verbatim.Core.Compression;

/// <summary>Compresses to bzip2 through libbz2 with a fixed block size (1–9 × 100 kB), like <c>bzip2 -N</c>.</summary>
public sealed unsafe class Bzip2EncoderStream : EncoderStream
{
    private const int MaxChunk = 1 << 30;

    private readonly NativeResource codec;

    public Bzip2EncoderStream(Stream destination, int blockSize = 9, bool leaveOpen = false)
        : base(destination, leaveOpen)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, 9);
        codec = Libbz2.AllocateEncoder();
        var ret = Libbz2.CompressInit(Native, blockSize, 0, 0);
        if (ret != Libbz2.Ok)
        {
            codec.Dispose();
            throw new InvalidOperationException($"bzip2: cannot initialise the encoder ({ret})");
        }
    }

    private Libbz2.Stream* Native => (Libbz2.Stream*)codec.Pointer;

    protected override void Encode(ReadOnlySpan<byte> input, bool finish)
    {
        while (input.Length > MaxChunk)
        {
            Encode(input[..MaxChunk], finish: false);
            input = input[MaxChunk..];
        }

        var s = Native;
        fixed (byte* i = input)
        {
            s->NextIn = i;
            s->AvailIn = (uint)input.Length;
            while (true)
            {
                s->NextOut = OutputPointer;
                s->AvailOut = (uint)OutputLength;
                var ret = Libbz2.Compress(s, finish ? Libbz2.Finish : Libbz2.Run);
                Emit(OutputLength - (int)s->AvailOut);
                if (ret == Libbz2.StreamEnd || (!finish && ret == Libbz2.RunOk && s->AvailIn == 0))
                {
                    return;
                }

                if (ret is not (Libbz2.RunOk or Libbz2.FinishOk))
                {
                    throw new InvalidOperationException($"bzip2: encoder error {ret}");
                }
            }
        }
    }

    protected override void ReleaseCodec() => codec.Dispose();
}
