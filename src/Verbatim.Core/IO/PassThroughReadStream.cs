namespace Verbatim.Core.IO;

/// <summary>
/// A forward-only, read-only stream that passes another stream's bytes through and lets a subclass observe them
/// (count, checksum, limit) as they go. Disposing it disposes the inner stream.
/// </summary>
public abstract class PassThroughReadStream(Stream inner) : Stream
{
    /// <summary>Bytes passed through so far.</summary>
    public long Count { get; private set; }

    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Count += read;
        OnRead(buffer[..read]);
        return read;
    }

    /// <summary>Called with each run of bytes read, after <see cref="Count"/> includes them.</summary>
    protected abstract void OnRead(ReadOnlySpan<byte> data);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
