using Verbatim.Common.Digests;
using Verbatim.Common.Identity;

namespace Verbatim.Common.Records;

/// <summary>
/// Everything a build used and made, like Debian's .buildinfo: the recipe, every input and environment digest, the
/// environment's packages, tool versions, variables, steps and output subjects. It is written as <c>buildinfo.json</c>
/// (<see cref="BuildRecordJson"/>) and is what provenance (an in-toto Statement with a SLSA Provenance predicate) is made from.
/// </summary>
public sealed record BuildRecord
{
    /// <summary>The <c>format</c> member of <c>buildinfo.json</c>.</summary>
    public const string Format = "verbatim-buildinfo/1";

    /// <summary>SLSA buildType for Verbatim recipes.</summary>
    public const string BuildType = "https://verbatim.dev/build-types/recipe/v1";

    public required string BuilderId { get; init; }

    public required string RecipeName { get; init; }

    public required string RecipeVersion { get; init; }

    /// <summary>The recipe file's name (not its absolute path, which is machine-specific).</summary>
    public required string RecipeFile { get; init; }

    public required Sha256Digest RecipeSha256 { get; init; }

    public required IReadOnlyList<InputRecord> Inputs { get; init; }

    public required EnvironmentRecord Environment { get; init; }

    /// <summary>Tool name → first line of its <c>--version</c>, as seen inside the sandbox; plus the sandbox itself.</summary>
    public required IReadOnlyDictionary<string, string> Tools { get; init; }

    /// <summary>The variables every step started with (the identity's, then the recipe's <c>env</c>).</summary>
    public required IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; }

    public required long SourceDateEpoch { get; init; }

    public required IReadOnlyList<StepRecord> Steps { get; init; }

    public required IReadOnlyList<string> OutputPatterns { get; init; }

    public required IReadOnlyList<OutputSubject> Subjects { get; init; }

    public required LimitsRecord Limits { get; init; }

    /// <summary>The identity the steps ran under when it was not <see cref="BuildIdentity.Default"/>; null (and absent from the file) for the default.</summary>
    public BuildIdentity? Identity { get; init; }
}
