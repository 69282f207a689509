namespace Verbatim.Formats.Engine;

/// <summary>Counts the bytes of detail (diff text, hex) put in the report, against <see cref="DiffOptions.MaxReportBytes"/>.</summary>
public sealed class ReportBudget(long maxBytes)
{
    private long used;

    public bool Exhausted => Interlocked.Read(ref used) >= maxBytes;

    /// <summary>Charges <paramref name="bytes"/>; false (and nothing charged) when they do not fit.</summary>
    public bool TryCharge(long bytes)
    {
        if (Interlocked.Add(ref used, bytes) <= maxBytes)
        {
            return true;
        }

        Interlocked.Add(ref used, -bytes);
        Interlocked.Exchange(ref used, maxBytes);
        return false;
    }
}
