namespace Verbatim.Check.Builds;

/// <summary>One build of a check: where its outputs were collected, or why it failed (with the last lines of its log).</summary>
public sealed record BuildOutcome(int Number, string Label, string OutDir, TimeSpan Elapsed, string? Failure, string LogTail)
{
    public bool Succeeded => Failure is null;
}
