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

        if (a is FileContent fa && b is FileContent fb && a.Length >= ParallelThreshold)
        {
            return ParallelEqual(fa, fb, cancellationToken);
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

    /// <summary>Files this large are compared in parallel slices, one per core at a time.</summary>
    private const long ParallelThreshold = 64L << 20;

    private const int SliceSize = 8 << 20;

    /// <summary>
    /// Compares two large files slice by slice on every core, with positional reads into one pair of buffers per
    /// worker: reading from the page cache is the bottleneck, and it scales with cores while memory stays bounded.
    /// </summary>
    private static bool ParallelEqual(FileContent a, FileContent b, CancellationToken cancellationToken)
    {
        using var handleA = a.OpenHandle();
        using var handleB = b.OpenHandle();
        var length = a.Length;
        var slices = (int)((length + SliceSize - 1) / SliceSize);
        var next = -1;
        var different = 0;
        var workers = Enumerable.Range(0, Math.Min(Environment.ProcessorCount, slices)).Select(_ => Task.Run(
            () =>
            {
                var bufferA = GC.AllocateUninitializedArray<byte>(SliceSize);
                var bufferB = GC.AllocateUninitializedArray<byte>(SliceSize);
                int slice;
                while (Volatile.Read(ref different) == 0 && (slice = Interlocked.Increment(ref next)) < slices)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var start = (long)slice * SliceSize;
                    var count = (int)Math.Min(SliceSize, length - start);
                    if (ReadAt(handleA, bufferA.AsSpan(0, count), start) != count || ReadAt(handleB, bufferB.AsSpan(0, count), start) != count ||
                        !bufferA.AsSpan(0, count).SequenceEqual(bufferB.AsSpan(0, count)))
                    {
                        Interlocked.Exchange(ref different, 1);
                    }
                }
            },
            cancellationToken)).ToArray();
        Task.WaitAll(workers, cancellationToken);
        return different == 0;

        static int ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer[total..], offset + total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }
    }

    private static ReadOnlyMemory<byte>? InMemory(IContent content) => content switch
    {
        MemoryContent m => m.Bytes,
        Spool s => s.InMemory,
        _ => null,
    };
}
