using Verbatim.Build.Cache;

namespace Verbatim.Build;

/// <summary>Where a build writes and what it reports to; none of these change what gets built.</summary>
public sealed record BuildOptions
{
    public required string OutDir { get; init; }

    /// <summary>The signing key for provenance (passed through to <see cref="BuildRunner.WriteProvenanceAsync"/>).</summary>
    public string? KeyPath { get; init; }

    public ContentStore? Store { get; init; }

    public HttpClient? Http { get; init; }

    /// <summary>Receives progress lines and the steps' output.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Called once every input is verified, before the first step (tests use it to prove ordering).</summary>
    public Action? InputsVerified { get; init; }
}
