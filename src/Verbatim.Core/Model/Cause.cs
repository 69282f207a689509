namespace Verbatim.Core.Model;

/// <summary>A likely cause of a difference, with the decoded values on both sides when they can be shown.</summary>
/// <param name="Kind">The classification.</param>
/// <param name="Explanation">One sentence a person can act on.</param>
/// <param name="Left">The first side's value, decoded (e.g. a date), when there is one.</param>
/// <param name="Right">The second side's value, decoded.</param>
public sealed record Cause(CauseKind Kind, string Explanation, string? Left = null, string? Right = null)
{
    /// <summary>
    /// For a candidate time found in bytes with nothing in their format saying a time lives there: the two Unix times
    /// read. Such a cause is <see cref="Unconfirmed"/> until the pair shows a clock reading that agrees with it
    /// (see <see cref="Causes.CauseEvidence"/>); the report never shows an unconfirmed cause.
    /// </summary>
    public (long Left, long Right)? Seconds { get; init; }

    /// <summary>True for a candidate that needs corroboration from elsewhere in the pair before it is reported.</summary>
    public bool Unconfirmed { get; init; }
}
