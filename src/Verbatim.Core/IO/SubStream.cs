namespace Verbatim.Core.IO;

/// <summary>A read-only window [offset, offset+length) of a seekable stream.</summary>
public sealed class SubStream : Stream
{
    private readonly Stream inner;
    private readonly long start;
    private readonly long length;
    private readonly bool ownsInner;
    private long position;

    public SubStream(Stream inner, long start, long length, bool ownsInner)
    {
        this.inner = inner;
        this.start = start;
        this.length = length;
        this.ownsInner = ownsInner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= length)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, length - position);
        inner.Position = start + position;
        var read = inner.Read(buffer[..n]);
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
