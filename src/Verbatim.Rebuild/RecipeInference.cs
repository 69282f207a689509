using Verbatim.Build.Recipes;
using Verbatim.Common.IO;

namespace Verbatim.Rebuild;

/// <summary>
/// The one way from a spec (<c>debian hello=2.10-3</c>, <c>python DIR</c>…) to a recipe: the ecosystem's adapter
/// locates or fetches the source and infers a recipe, which is written and loaded as <c>verbatim build</c> would.
/// <see cref="Rebuilder"/> builds and compares it; <c>verbatim check</c> builds it under variations
/// (with <see cref="RebuildRequest.ForCheck"/>, so no reference is fetched). Nothing is built here.
/// </summary>
public static class RecipeInference
{
    /// <summary>
    /// Checks the spec, infers its recipe and loads it. What the adapter fetches (sources, references) goes under
    /// <see cref="RebuildOptions.OutDir"/>, which the caller owns; the recipe and the adapter's scratch directory live
    /// until the result is disposed.
    /// </summary>
    /// <exception cref="RebuildException">Unknown ecosystem, bad spec, missing package, unreachable source, malformed input,
    /// or an inferred recipe that does not load.</exception>
    public static async Task<InferredBuild> InferAsync(RebuildRequest request, RebuildOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var ecosystem = EcosystemRegistry.Find(request.Ecosystem)
            ?? throw new RebuildException($"'{request.Ecosystem}' is not a known ecosystem (known: {EcosystemRegistry.Names})");
        if (ecosystem.Recognize(request.Spec) is { } problem)
        {
            throw new RebuildException($"{request.Spec}: {problem} (expected {ecosystem.Name} {ecosystem.SpecSyntax})");
        }

        var outDir = Path.GetFullPath(options.OutDir);
        Directory.CreateDirectory(outDir);
        var scratch = Path.Combine(Path.GetFullPath(options.ScratchRoot), "verbatim-rebuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var ownHttp = options.Http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(10) } : null;
        try
        {
            var context = new RebuildContext(options with { OutDir = outDir }, scratch, options.Http ?? ownHttp!);
            var plan = await ecosystem.PlanAsync(request, context, cancellationToken).ConfigureAwait(false);
            return new InferredBuild(ecosystem, request, plan, Load(plan), context, ownHttp);
        }
        catch
        {
            ownHttp?.Dispose();
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    /// <summary>Writes the plan's recipe as <c>verbatim.yaml</c> in its directory (where its relative inputs resolve) and loads it.</summary>
    private static Recipe Load(RebuildPlan plan)
    {
        var file = Path.Combine(plan.RecipeDirectory, RecipeLoader.DefaultFileName);
        AtomicWrite.Text(file, plan.RecipeYaml);
        try
        {
            return RecipeLoader.Load(file);
        }
        catch (RecipeException e)
        {
            throw new RebuildException($"the inferred recipe is not valid: {e.Message}", e);
        }
    }
}
