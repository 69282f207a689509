using Microsoft.Win32.SafeHandles;
using Verbatim.Core.Native;

namespace Verbatim.Core.IO;

/// <summary>
/// Reads a pipe, waiting for data in short polls so that a cancellation (Ctrl+C, SIGTERM) is seen even while the
/// writer is silent: a plain read would block until the writer writes or closes.
/// </summary>
public sealed class PipeReadStream(SafeFileHandle handle, CancellationToken cancellationToken) : Stream
{
    private readonly FileStream inner = new(handle, FileAccess.Read, 1);

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
        while (Posix.IsAvailable && !Posix.WaitReadable(handle, 200))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return inner.Read(buffer);
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
