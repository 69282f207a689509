namespace Verbatim.Formats.Text;

/// <summary>
/// A bound on the work of one line diff, counted in elementary steps (lines compared, diagonals visited), so that a
/// pathological pair of texts ends in predictable time with the same result on every machine. Every charge also
/// checks <paramref name="cancellationToken"/>, so that an interrupted run stops in the middle of a long diff.
/// </summary>
internal sealed class DiffBudget(long limit, CancellationToken cancellationToken = default)
{
    /// <summary>The default for texts of <paramref name="lines"/> lines in all: ample for real edits, linear in size.</summary>
    public static long DefaultLimit(long lines) => (32L << 20) + (256 * lines);

    public long Remaining { get; private set; } = limit;

    public bool IsExhausted => Remaining < 0;

    /// <summary>Spends <paramref name="steps"/>.</summary>
    public void Charge(long steps)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Remaining -= steps;
    }

    /// <summary>Spends <paramref name="steps"/>; false once the budget is overdrawn.</summary>
    public bool TryCharge(long steps)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Remaining -= steps;
        return !IsExhausted;
    }
}
