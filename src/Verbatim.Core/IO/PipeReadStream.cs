using Microsoft.Win32.SafeHandles;
using Verbatim.Core.Native;

namespace Verbatim.Core.IO;

/// <summary>
/// Reads a pipe, waiting for data in short polls so that a cancellation (Ctrl+C, SIGTERM) is seen even while the
/// writer is silent: a plain read would block until the writer writes or closes.
/// </summary>
public sealed class PipeReadStream(SafeFileHandle handle, CancellationToken cancellationToken) : ForwardReadStream
{
    private readonly FileStream inner = new(handle, FileAccess.Read, 1);

    public override int Read(Span<byte> buffer)
    {
        while (Posix.IsAvailable && !Posix.WaitReadable(handle, 200))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
