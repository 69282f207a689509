using Verbatim.Core.IO;

namespace Verbatim.Formats.Engine;

/// <summary>Recognises identical contents by size, then by their bytes, without any format analysis.</summary>
public static class ContentEquality
{
    private const int ChunkSize = 1 << 20;

    public static bool AreEqual(IContent a, IContent b, CancellationToken cancellationToken = default)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        if (ReferenceEquals(a, b) || a.Length == 0)
        {
            return true;
        }

        if (InMemory(a) is { } ma && InMemory(b) is { } mb)
        {
            return ma.Span.SequenceEqual(mb.Span);
        }

        using var sa = a.Open();
        using var sb = b.Open();
        var ba = new byte[(int)Math.Min(ChunkSize, a.Length)];
        var bb = new byte[ba.Length];
        long remaining = a.Length;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(ba.Length, remaining);
            sa.ReadExactly(ba, 0, n);
            sb.ReadExactly(bb, 0, n);
            if (!ba.AsSpan(0, n).SequenceEqual(bb.AsSpan(0, n)))
            {
                return false;
            }

            remaining -= n;
        }

        return true;
    }

    private static ReadOnlyMemory<byte>? InMemory(IContent content) => content switch
    {
        MemoryContent m => m.Bytes,
        Spool s => s.InMemory,
        _ => null,
    };
}
