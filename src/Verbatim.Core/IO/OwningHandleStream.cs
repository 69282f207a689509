using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.IO;

/// <summary>A <see cref="HandleStream"/> that closes its handle when disposed.</summary>
internal sealed class OwningHandleStream(SafeFileHandle handle, long length) : Stream
{
    private readonly HandleStream inner = new(handle, length);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
