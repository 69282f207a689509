using Verbatim.Build.Records;

namespace Verbatim.Build;

/// <summary>A finished build: its record (written as buildinfo.json) and how long each step took.</summary>
public sealed record BuildResult(BuildRecord Record, IReadOnlyList<(string Step, TimeSpan Elapsed)> StepTimes);
