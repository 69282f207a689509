namespace Verbatim.Core.IO;

/// <summary>
/// Shared limits for spooling member contents: how many bytes may be held in memory at once (the rest goes to
/// the temporary area), how large one member may expand, and how many bytes a whole run may expand in total, at
/// every depth together. The total is an absolute cap and, when <see cref="ExpansionRatio"/> is set, also a multiple
/// of the input bytes seen (<see cref="AddInput"/>), never below <see cref="MinExpansionBytes"/>.
/// </summary>
public sealed class SpoolBudget(TempArea temp, long memoryBytes, long maxMemberBytes, long maxTotalBytes)
{
    private long inMemory;
    private long expanded;
    private long inputs;

    public TempArea Temp { get; } = temp;

    public long MaxMemberBytes { get; } = maxMemberBytes;

    public long MaxTotalBytes { get; } = maxTotalBytes;

    /// <summary>How many times the input bytes the run may expand in total; 0 for the absolute cap only.</summary>
    public double ExpansionRatio { get; init; }

    /// <summary>The proportionate allowance is never smaller than this.</summary>
    public long MinExpansionBytes { get; init; }

    /// <summary>Members smaller than this are kept in memory while the memory budget allows.</summary>
    public int InMemoryThreshold { get; init; } = 4 << 20;

    /// <summary>Bytes expanded so far in this run.</summary>
    public long Expanded => Interlocked.Read(ref expanded);

    /// <summary>The total the run may expand, as things stand.</summary>
    public long ExpansionAllowance
    {
        get
        {
            if (ExpansionRatio <= 0)
            {
                return MaxTotalBytes;
            }

            var proportionate = ExpansionRatio * Interlocked.Read(ref inputs);
            return (long)Math.Min(MaxTotalBytes, Math.Max(MinExpansionBytes, Math.Min(proportionate, long.MaxValue / 2)));
        }
    }

    /// <summary>Counts bytes of input (a top-level file, a file of a directory tree) toward the proportionate allowance.</summary>
    public void AddInput(long bytes) => Interlocked.Add(ref inputs, Math.Max(0, bytes));

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

    /// <summary>Charges <paramref name="bytes"/> of expansion; throws <see cref="LimitExceededException"/> past the allowance.</summary>
    public void ChargeExpansion(long bytes)
    {
        var allowance = ExpansionAllowance;
        if (Interlocked.Add(ref expanded, bytes) > allowance)
        {
            throw new LimitExceededException(ExpansionRatio <= 0 || allowance == MaxTotalBytes
                ? $"the run's total expanded size passed the limit of {allowance} bytes (--max-expansion)"
                : $"the run's total expanded size passed its limit of {allowance} bytes: {ExpansionRatio:0.#} times the {Interlocked.Read(ref inputs)} input bytes, and at least {MinExpansionBytes} (--max-expansion-ratio)");
        }
    }
}
