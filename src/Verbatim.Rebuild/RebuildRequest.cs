namespace Verbatim.Rebuild;

/// <summary>What to rebuild: an ecosystem, a spec in its syntax, and optionally the published artifacts to compare with.</summary>
/// <param name="Ecosystem">An <see cref="IEcosystem.Name"/>: debian, python, nuget, npm.</param>
/// <param name="Spec">The ecosystem's spec: <c>NAME=VERSION</c>, a <c>.dsc</c>, a <c>.buildinfo</c>, an sdist, a directory, <c>NAME@VERSION</c>.</param>
public sealed record RebuildRequest(string Ecosystem, string Spec)
{
    /// <summary>Published artifacts given by the caller (paths); empty: the adapter fetches them.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>When set, the (single) reference must have this SHA-256 (lowercase hex), or the rebuild does not start.</summary>
    public string? ReferenceDigest { get; init; }

    /// <summary>Run the steps with the clock set to the time the reference reveals it was built (libfaketime, NO_FAKE_STAT=1).</summary>
    public bool MatchBuildTime { get; init; }

    /// <summary>
    /// Infer the recipe for <c>verbatim check</c> (<see cref="RecipeInference"/>): no published artifact is fetched or
    /// required (given ones are still read), and the environment gets what the check's variations need (Debian: libfaketime).
    /// </summary>
    public bool ForCheck { get; init; }
}
