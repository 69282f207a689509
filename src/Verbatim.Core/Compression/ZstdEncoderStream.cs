namespace Verbatim.Core.Compression;

/// <summary>Compresses to one Zstandard frame through libzstd with a fixed level and a content checksum, like <c>zstd -N</c>.</summary>
public sealed unsafe class ZstdEncoderStream : EncoderStream
{
    private readonly NativeResource codec;

    public ZstdEncoderStream(Stream destination, int level = 3, bool checksum = true, bool leaveOpen = false)
        : base(destination, leaveOpen)
    {
        codec = Libzstd.NewEncoder();
        var context = (IntPtr)codec.Pointer;
        Check(Libzstd.CCtxSetParameter(context, Libzstd.CompressionLevel, level));
        Check(Libzstd.CCtxSetParameter(context, Libzstd.ChecksumFlag, checksum ? 1 : 0));
    }

    protected override void Encode(ReadOnlySpan<byte> input, bool finish)
    {
        var context = (IntPtr)codec.Pointer;
        fixed (byte* i = input)
        {
            var inBuffer = new Libzstd.InBuffer { Src = i, Size = (nuint)input.Length, Pos = 0 };
            while (true)
            {
                var outBuffer = new Libzstd.OutBuffer { Dst = OutputPointer, Size = (nuint)OutputLength, Pos = 0 };
                var ret = Libzstd.CompressStream2(context, &outBuffer, &inBuffer, finish ? Libzstd.EndFrame : Libzstd.EndContinue);
                Check(ret);
                Emit((int)outBuffer.Pos);
                if (finish ? ret == 0 : inBuffer.Pos == inBuffer.Size && outBuffer.Pos < outBuffer.Size)
                {
                    return;
                }
            }
        }
    }

    private void Check(nuint ret)
    {
        if (Libzstd.IsError(ret) != 0)
        {
            throw new InvalidOperationException("zstd: " + Libzstd.ErrorName(ret));
        }
    }

    protected override void ReleaseCodec() => codec.Dispose();
}
