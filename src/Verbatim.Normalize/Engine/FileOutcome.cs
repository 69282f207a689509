namespace Verbatim.Normalize.Engine;

/// <summary>The result of normalizing one file: its handler, status, changes, and the reason when it failed.</summary>
public sealed record FileOutcome(string Path, string? Handler, NormalizeStatus Status, IReadOnlyList<Change> Changes, string? Reason = null);
