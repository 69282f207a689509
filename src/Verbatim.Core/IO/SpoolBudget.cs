namespace Verbatim.Core.IO;

/// <summary>
/// Shared limits for spooling member contents: how many bytes may be held in memory at once (the rest goes to
/// the temporary area), how large one member may expand, and how many bytes a whole run may expand in total.
/// </summary>
public sealed class SpoolBudget(TempArea temp, long memoryBytes, long maxMemberBytes, long maxTotalBytes)
{
    private long inMemory;
    private long expanded;

    public TempArea Temp { get; } = temp;

    public long MaxMemberBytes { get; } = maxMemberBytes;

    public long MaxTotalBytes { get; } = maxTotalBytes;

    /// <summary>Members smaller than this are kept in memory while the memory budget allows.</summary>
    public int InMemoryThreshold { get; init; } = 4 << 20;

    internal bool TryReserveMemory(long bytes)
    {
        while (true)
        {
            var current = Interlocked.Read(ref inMemory);
            if (current + bytes > memoryBytes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref inMemory, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    internal void ReleaseMemory(long bytes) => Interlocked.Add(ref inMemory, -bytes);

    internal void ChargeExpansion(long bytes)
    {
        if (Interlocked.Add(ref expanded, bytes) > MaxTotalBytes)
        {
            throw new LimitExceededException($"total expanded size passed the limit of {MaxTotalBytes} bytes (--max-expansion)");
        }
    }
}
