using Verbatim.Build.Recipes;
using Verbatim.Common.Identity;

namespace Verbatim.Rebuild;

/// <summary>
/// A recipe inferred from a spec by <see cref="RecipeInference"/>, loaded and ready to build, with what the adapter
/// found out (references, the build path, the reference's build time). Disposing it removes the recipe and the
/// adapter's scratch directory (not <see cref="RebuildOptions.OutDir"/>, which is the caller's).
/// </summary>
public sealed class InferredBuild : IDisposable
{
    private readonly HttpClient? ownHttp;

    internal InferredBuild(IEcosystem ecosystem, RebuildRequest request, RebuildPlan plan, Recipe recipe, RebuildContext context, HttpClient? ownHttp)
    {
        Ecosystem = ecosystem;
        Request = request;
        Plan = plan;
        Recipe = recipe;
        Context = context;
        this.ownHttp = ownHttp;
    }

    public IEcosystem Ecosystem { get; }

    public RebuildRequest Request { get; }

    /// <summary>What the adapter inferred (the recipe's text, the references, the build path…).</summary>
    public RebuildPlan Plan { get; }

    /// <summary>The inferred recipe, loaded from <see cref="RebuildPlan.RecipeDirectory"/> (its <see cref="Recipe.Digest"/> is the YAML's).</summary>
    public Recipe Recipe { get; }

    /// <summary>The inferred <c>verbatim.yaml</c>, as <c>--keep-recipe</c> writes it.</summary>
    public string RecipeYaml => Plan.RecipeYaml;

    /// <summary>The build path the steps see (the workspace's mount point): the ecosystem's (Debian: /build/reproducible-path), else <c>/build/RECIPE-NAME</c>.</summary>
    public string BuildPath => Identity.WorkspacePath(Recipe.Name);

    /// <summary>The identity the build starts from: the default one at the ecosystem's build path.</summary>
    public BuildIdentity Identity => BuildIdentity.Default with { BuildPath = Plan.BuildPath };

    /// <summary>The adapter's context (options, scratch directory, HTTP client), for the stages that follow the build.</summary>
    internal RebuildContext Context { get; }

    /// <summary>The HTTP client inputs are fetched with (the caller's, or one of the inference's own, disposed with it).</summary>
    public HttpClient Http => Context.Http;

    public void Dispose()
    {
        ownHttp?.Dispose();
        if (Directory.Exists(Context.Scratch))
        {
            Directory.Delete(Context.Scratch, recursive: true);
        }
    }
}
