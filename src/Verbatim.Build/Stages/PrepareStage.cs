using Verbatim.Build.Cache;
using Verbatim.Build.Environments;
using Verbatim.Build.Inputs;
using Verbatim.Build.Recipes;

namespace Verbatim.Build.Stages;

/// <summary>The first stage: fetch every input into the cache and check it against its pinned digest, resolve the environment, resolve SOURCE_DATE_EPOCH. No step runs before all of it succeeded.</summary>
public static class PrepareStage
{
    /// <exception cref="BuildException">An input cannot be fetched or does not match its digest, or the environment or epoch cannot be resolved.</exception>
    public static async Task<PreparedBuild> PrepareAsync(Recipe recipe, ContentStore store, HttpClient http, Action<BuildEvent>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var fetcher = new InputFetcher(store, http);
        var inputs = new List<ResolvedInput>();
        foreach (var input in recipe.Inputs)
        {
            var resolved = await fetcher.FetchAsync(input, recipe.Directory, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new BuildEvent(BuildEventKind.InputVerified, $"input {input.Name}: sha256:{resolved.Sha256} verified"));
            inputs.Add(resolved);
        }

        var environment = await EnvironmentResolver.ResolveAsync(recipe.Environment, store, cancellationToken).ConfigureAwait(false);
        var epoch = SourceDateEpochResolver.Resolve(recipe.SourceDateEpoch, inputs);
        progress?.Invoke(new BuildEvent(BuildEventKind.InputsVerified, $"every input verified ({inputs.Count})"));
        return new PreparedBuild(recipe, inputs, environment, epoch);
    }
}
