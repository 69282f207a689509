namespace Verbatim.Rebuild;

/// <summary>
/// What an adapter inferred: the recipe (YAML text, the same file <c>--keep-recipe</c> writes and <c>verbatim build</c>
/// reads; inputs pinned by SHA-256), the references, where the steps run, and what cannot be matched.
/// </summary>
public sealed record RebuildPlan
{
    /// <summary>The inferred <c>verbatim.yaml</c>; relative input paths are relative to <see cref="RecipeDirectory"/>.</summary>
    public required string RecipeYaml { get; init; }

    /// <summary>Where the recipe is written and read from (inputs given as paths resolve from here).</summary>
    public required string RecipeDirectory { get; init; }

    public required IReadOnlyList<ReferenceArtifact> References { get; init; }

    /// <summary>The build path the steps see (null: <c>/build/RECIPE-NAME</c>).</summary>
    public string? BuildPath { get; init; }

    /// <summary>When the reference was built, as far as it reveals (Unix seconds), for <c>--match-build-time</c>; null if unknown.</summary>
    public long? ReferenceBuildTime { get; init; }

    /// <summary>Where <see cref="ReferenceBuildTime"/> was read.</summary>
    public string? ReferenceBuildTimeEvidence { get; init; }

    /// <summary>Pairs a rebuilt output (name relative to the outputs) with the reference it should equal; null leaves it unpaired.</summary>
    public Func<string, IReadOnlyList<ReferenceArtifact>, ReferenceArtifact?> Pair { get; init; } = DefaultPair;

    /// <summary>Differences of the environment known before building (e.g. .buildinfo versions the mirror cannot supply).</summary>
    public IReadOnlyList<string> EnvironmentDifferences { get; init; } = [];

    public static ReferenceArtifact? DefaultPair(string output, IReadOnlyList<ReferenceArtifact> references) =>
        references.FirstOrDefault(r => r.Name == Path.GetFileName(output));
}
