namespace Verbatim.Build.Recipes;

/// <summary>A parsed, validated <c>verbatim.yaml</c>: the only parameter of a build.</summary>
public sealed record Recipe(
    string Name,
    string Version,
    RecipeEnvironment Environment,
    EpochSource SourceDateEpoch,
    IReadOnlyList<RecipeInput> Inputs,
    IReadOnlyList<RecipeStep> Steps,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> Tools,
    BuildLimits Limits)
{
    /// <summary>The recipe file this was read from (absolute).</summary>
    public required string File { get; init; }

    /// <summary>The SHA-256 of the recipe file's bytes, lowercase hex.</summary>
    public required string Digest { get; init; }

    /// <summary>The folder holding the recipe: relative input paths start here.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(File)!;
}
