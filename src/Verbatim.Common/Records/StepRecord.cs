namespace Verbatim.Common.Records;

/// <summary>One step as run: its command, its time limit in seconds and its own variables.</summary>
public sealed record StepRecord(string Name, string Run, long TimeoutSeconds, IReadOnlyDictionary<string, string> Env);
