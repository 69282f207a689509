namespace Verbatim.Rebuild;

/// <summary>
/// One thing a reference shows about how it was built (a build date, a compiler, a build path, a backend version),
/// next to what the rebuild used. <see cref="Differs"/> is null when either side is unknown.
/// </summary>
/// <param name="Artifact">The reference's name.</param>
/// <param name="Aspect">build-date, compiler, build-path, backend, packer, gzip.</param>
/// <param name="Reference">What the reference shows (null: it shows nothing of it).</param>
/// <param name="Rebuild">What the rebuild used (null: unknown).</param>
/// <param name="Evidence">Where in the reference it was read, or why it could not be.</param>
public sealed record Revelation(string Artifact, string Aspect, string? Reference, string? Rebuild, string Evidence)
{
    public bool? Differs => Reference is null || Rebuild is null ? null : Reference != Rebuild;
}

/// <summary>What a rebuild's environment was, for comparing with what a reference reveals.</summary>
/// <param name="Packages">The environment's packages (name → version).</param>
/// <param name="Tools">Tool → first line of its version, as seen in the sandbox.</param>
/// <param name="BuildPath">The workspace path the steps saw.</param>
/// <param name="BuildTime">The clock the steps read, as text (<c>real</c> or <c>from …</c>).</param>
/// <param name="SourceDateEpoch">The SOURCE_DATE_EPOCH the steps saw.</param>
public sealed record RebuildEnvironmentFacts(
    IReadOnlyDictionary<string, string> Packages,
    IReadOnlyDictionary<string, string> Tools,
    string BuildPath,
    string BuildTime,
    long SourceDateEpoch);
