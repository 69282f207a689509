using Verbatim.Rebuild.Recipes;

namespace Verbatim.Rebuild.Ecosystems.Shared;

/// <summary>
/// The plan of an ecosystem whose recipe makes one artifact to compare (a wheel, a nupkg, an npm tarball): the
/// inferred recipe written to a directory of the rebuild's scratch, and the output paired with the only reference
/// whatever its name (else by file name).
/// </summary>
internal static class SingleArtifactPlan
{
    public static RebuildPlan Create(InferredRecipe recipe, RebuildContext context, IReadOnlyList<ReferenceArtifact> references, long? buildTime, string? buildTimeEvidence)
    {
        var recipeDir = Path.Combine(context.Scratch, "recipe");
        Directory.CreateDirectory(recipeDir);
        return new RebuildPlan
        {
            RecipeYaml = recipe.ToYaml(),
            RecipeDirectory = recipeDir,
            References = references,
            Pair = Pair,
            ReferenceBuildTime = buildTime,
            ReferenceBuildTimeEvidence = buildTimeEvidence,
        };
    }

    /// <summary>The only reference, whatever its name; among several, the one of the output's file name.</summary>
    public static ReferenceArtifact? Pair(string output, IReadOnlyList<ReferenceArtifact> references) =>
        references.Count == 1 ? references[0] : RebuildPlan.DefaultPair(output, references);
}
