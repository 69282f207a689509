using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>The data of one member of a forward-only tar, read through its <see cref="TarReader"/>.</summary>
internal sealed class TarDataStream(TarReader reader, long length) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (read >= length || buffer.Length == 0)
        {
            return 0;
        }

        var n = reader.ReadData(buffer[..(int)Math.Min(buffer.Length, length - read)]);
        if (n == 0)
        {
            throw new MalformedInputException("truncated: member data runs past the end of the archive");
        }

        read += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
