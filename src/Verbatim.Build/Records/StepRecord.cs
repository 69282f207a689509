namespace Verbatim.Build.Records;

/// <summary>One step as run.</summary>
public sealed record StepRecord(string Name, string Run, long TimeoutSeconds, IReadOnlyDictionary<string, string> Env);
