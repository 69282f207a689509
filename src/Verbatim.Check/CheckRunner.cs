using System.Collections.Concurrent;
using Verbatim.Build;
using Verbatim.Build.Cache;
using Verbatim.Build.Recipes;
using Verbatim.Build.Stages;
using Verbatim.Check.Bisection;
using Verbatim.Check.Builds;
using Verbatim.Check.Comparison;
using Verbatim.Check.Variations;
using Verbatim.Common.Identity;
using Verbatim.Common.Verdicts;

namespace Verbatim.Check;

/// <summary>
/// <c>verbatim check</c>: one preparation (every input verified once), then control builds and experiments under
/// varied identities from it, several at once; every declared output compared with the diff engine; flakiness from the
/// controls; the culprits of each difference by <see cref="CulpritSearch"/>, reusing every build already made. It takes
/// a <see cref="Recipe"/>, so any source of recipes (a recipe file, or one inferred from a project) can feed it.
/// </summary>
public static class CheckRunner
{
    /// <summary>Loads a recipe file or a folder holding <c>verbatim.yaml</c>.</summary>
    /// <exception cref="RecipeException">The recipe is missing or invalid.</exception>
    public static Recipe LoadRecipe(string path) => RecipeLoader.Load(path);

    /// <exception cref="CheckException">The inputs or environment could not be prepared.</exception>
    public static async Task<CheckResult> CheckAsync(Recipe recipe, CheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Progress;
        using var ownHttp = options.Http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(10) } : null;
        PreparedBuild prepared;
        try
        {
            prepared = await PrepareStage.PrepareAsync(recipe, options.Store, options.Http ?? ownHttp!, null, cancellationToken).ConfigureAwait(false);
        }
        catch (BuildException e)
        {
            throw new CheckException(e.Message, e);
        }

        var context = new VariationContext(recipe.Name, prepared.Environment, Math.Max(1, options.AvailableCpus));
        var uses = options.Variations.Select(v => new VariationUse(v, v.SkipReason(context))).ToList();
        foreach (var skipped in uses.Where(u => !u.Applied))
        {
            progress?.Invoke(new CheckEvent(CheckEventKind.Notice, $"variation {skipped.Variation.Name} skipped: {skipped.SkipReason}"));
        }

        var applied = uses.Where(u => u.Applied).Select(u => u.Variation).ToList();
        var control = applied.Aggregate(options.Identity, (identity, v) => v.Control(identity, context));
        var work = Path.Combine(Path.GetFullPath(options.ScratchRoot), "verbatim-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            using var pool = new BuildPool(prepared, work, options.ScratchRoot, options.Parallelism, progress, cancellationToken);
            var runs = Math.Max(2, options.Runs);
            var controls = Enumerable.Range(1, runs).Select(i => pool.BuildAsync("control-" + i, $"control {i}/{runs}", control)).ToList();
            var first = await controls[0].ConfigureAwait(false);
            var result = new CheckResult
            {
                RecipeName = recipe.Name,
                RecipeVersion = recipe.Version,
                Spec = options.Spec,
                Verdict = Verdict.BuildFailed,
                Variations = uses,
                Runs = runs,
            };
            if (!first.Succeeded)
            {
                // The other controls may still be running: let them end before the work folder goes.
                await Task.WhenAll(controls).ConfigureAwait(false);
                return result with { ControlFailure = first.Failure, ControlLogTail = first.LogTail, Builds = pool.Count };
            }

            var comparisons = new ConcurrentDictionary<string, Lazy<Task<OutputComparison>>>(StringComparer.Ordinal);
            Task<OutputComparison> Compare(Task<BuildOutcome> build, string key) =>
                comparisons.GetOrAdd(key, _ => new Lazy<Task<OutputComparison>>(async () =>
                    await OutputComparison.CompareAsync(first, await build.ConfigureAwait(false), options.Parallelism, cancellationToken).ConfigureAwait(false))).Value;

            Task<OutputComparison> Experiment(IReadOnlyList<IVariation> subset)
            {
                var name = CulpritSearch.Name(subset);
                var identity = subset.Aggregate(control, (id, v) => v.Vary(id, context));
                return Compare(pool.BuildAsync("experiment:" + name, $"experiment [{string.Join(", ", subset.Select(v => v.Name))}]", identity), "experiment:" + name);
            }

            var full = applied.Count > 0 ? Experiment(applied) : null;
            var fullBuild = applied.Count > 0 ? pool.BuildAsync("experiment:" + CulpritSearch.Name(applied), "", control) : null;
            var reruns = await Task.WhenAll(controls.Skip(1).Select((c, i) => Compare(c, "control-" + (i + 2)))).ConfigureAwait(false);
            var flakyKeys = new SortedSet<string>(reruns.SelectMany(r => r.Keys), StringComparer.Ordinal);
            var flakyDiff = reruns.FirstOrDefault(r => !r.Identical)?.Diff;
            var fullComparison = full is null ? null : await full.ConfigureAwait(false);
            var differences = fullComparison is null ? [] : fullComparison.Keys.Where(k => !flakyKeys.Contains(k)).ToList();
            IReadOnlyList<Culprit> culprits = [];
            if (options.Bisect && differences.Count > 0)
            {
                progress?.Invoke(new CheckEvent(CheckEventKind.Notice, $"searching the culprits of {differences.Count} difference(s) among {applied.Count} variations"));
                var search = new CulpritSearch(async subset => (await Experiment(subset).ConfigureAwait(false)).Keys, options.Parallelism);
                var found = await Task.WhenAll(differences.Select(async key => (Key: key, Set: await search.FindAsync(key, applied).ConfigureAwait(false)))).ConfigureAwait(false);
                culprits = [.. found.GroupBy(f => CulpritSearch.Name(f.Set), StringComparer.Ordinal)
                    .Select(g => new Culprit([.. g.First().Set.Select(v => v.Name)], [.. g.Select(f => f.Key)]))
                    .OrderBy(c => c.Differences[0], StringComparer.Ordinal)];
            }

            var reproducible = flakyKeys.Count == 0 && differences.Count == 0 && (fullComparison?.Identical ?? true);
            return result with
            {
                Verdict = reproducible ? Verdict.Reproducible : Verdict.NotReproducible,
                DifferingRuns = reruns.Count(r => !r.Identical),
                FlakyDifferences = [.. flakyKeys],
                FlakyDiff = flakyDiff is null ? null : Relabel.Apply(flakyDiff, "control-1", "control-2"),
                Differences = differences,
                ExperimentFailure = fullBuild is null ? null : (await fullBuild.ConfigureAwait(false)).Failure,
                Diff = fullComparison?.Diff is { } diff ? Relabel.Apply(diff, "control", "experiment") : null,
                Bisected = options.Bisect && differences.Count > 0,
                Culprits = culprits,
                Builds = pool.Count,
            };
        }
        finally
        {
            TreeCopy.Delete(work);
        }
    }
}
