namespace Verbatim.Core.Model;

/// <summary>A likely cause of a difference, with the decoded values on both sides when they can be shown.</summary>
/// <param name="Kind">The classification.</param>
/// <param name="Explanation">One sentence a person can act on.</param>
/// <param name="Left">The first side's value, decoded (e.g. a date), when there is one.</param>
/// <param name="Right">The second side's value, decoded.</param>
public sealed record Cause(CauseKind Kind, string Explanation, string? Left = null, string? Right = null);
