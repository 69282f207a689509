namespace Verbatim.Build.Outputs;

/// <summary>One collected output: its path relative to the output directory (and the workspace), SHA-256 and size.</summary>
public sealed record OutputSubject(string Name, string Sha256, long Size);
