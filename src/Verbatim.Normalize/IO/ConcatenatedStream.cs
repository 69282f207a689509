using Verbatim.Core.IO;

namespace Verbatim.Normalize.IO;

/// <summary>A read-only, forward-only stream of several streams one after the other; it disposes them.</summary>
internal sealed class ConcatenatedStream(params Stream[] parts) : ForwardReadStream
{
    private int current;

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
