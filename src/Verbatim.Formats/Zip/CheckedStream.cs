namespace Verbatim.Formats.Zip;

/// <summary>
/// A read-only pass-through that computes the CRC-32 and counts the bytes read from an entry's decoded data, so
/// the reader can check them against the central directory without a second pass.
/// </summary>
internal sealed class CheckedStream(Stream inner) : Stream
{
    public uint Crc { get; private set; }

    public long Count { get; private set; }

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
        var read = inner.Read(buffer);
        Crc = Crc32.Append(Crc, buffer[..read]);
        Count += read;
        return read;
    }

    /// <summary>Whether the data goes on past what was read (one byte is read to find out, not counted).</summary>
    public bool HasMore()
    {
        Span<byte> one = stackalloc byte[1];
        return inner.Read(one) > 0;
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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
