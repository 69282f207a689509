using Verbatim.Core.IO;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// Passes a decompressed stream through and stops it, as a likely decompression bomb, once it has expanded past
/// 1 MiB and past the allowed ratio to its compressed size.
/// </summary>
public sealed class RatioGuardStream(Stream inner, long compressedLength, double maxRatio) : Stream
{
    private const long Floor = 1 << 20;

    private readonly double limit = Math.Max(Floor, maxRatio * Math.Max(1, compressedLength));
    private long total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        total += n;
        if (total > limit)
        {
            throw new LimitExceededException($"expands more than {maxRatio:0.#} times its {compressedLength} compressed bytes (--max-ratio): a decompression bomb?");
        }

        return n;
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
