namespace Verbatim.Core.IO;

/// <summary>
/// A forward-only, read-only stream that passes another stream's bytes through and lets a subclass observe them
/// (count, checksum, limit) as they go. Disposing it disposes the inner stream.
/// </summary>
public abstract class PassThroughReadStream(Stream inner) : ForwardReadStream
{
    /// <summary>Bytes passed through so far.</summary>
    public long Count { get; private set; }

    protected Stream Inner { get; } = inner;

    protected override long BytesRead => Count;

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Count += read;
        OnRead(buffer[..read]);
        return read;
    }

    /// <summary>Called with each run of bytes read, after <see cref="Count"/> includes them.</summary>
    protected abstract void OnRead(ReadOnlySpan<byte> data);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
