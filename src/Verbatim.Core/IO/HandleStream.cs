using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.IO;

/// <summary>
/// A read-only stream over a file handle using positional reads, so that many readers on many threads can share
/// one spooled file without racing on a shared position.
/// </summary>
public sealed class HandleStream(SafeFileHandle handle, long length) : Stream
{
    private long position;

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
        var read = RandomAccess.Read(handle, buffer[..n], position);
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
}
