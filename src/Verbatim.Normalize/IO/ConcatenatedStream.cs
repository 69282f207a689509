namespace Verbatim.Normalize.IO;

/// <summary>A read-only, forward-only stream of several streams one after the other; it disposes them.</summary>
internal sealed class ConcatenatedStream(params Stream[] parts) : Stream
{
    private int current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (current < parts.Length && buffer.Length > 0)
        {
            var n = parts[current].Read(buffer);
            if (n > 0)
            {
                return n;
            }

            current++;
        }

        return 0;
    }

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
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
