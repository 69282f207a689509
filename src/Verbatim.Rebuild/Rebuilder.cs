using System.Text;
using Verbatim.Build;
using Verbatim.Build.Recipes;
using Verbatim.Build.Stages;
using Verbatim.Common.Digests;
using Verbatim.Common.Identity;
using Verbatim.Common.IO;
using Verbatim.Common.Verdicts;
using Verbatim.Rebuild.Attestation;
using Verbatim.Rebuild.Comparison;
using Verbatim.Rebuild.Results;

namespace Verbatim.Rebuild;

/// <summary>
/// <c>verbatim rebuild</c> as a library call (the CLI and the rebuilder service's worker both call it): the
/// ecosystem's adapter fetches the references and infers a recipe (<see cref="RecipeInference"/>); the build runs through the stages of
/// <see cref="BuildRunner"/> in its sandbox; each output is compared with its reference; with a key, every verdict is
/// signed. It never prints: progress goes to <see cref="RebuildOptions.Progress"/>.
/// </summary>
public static class Rebuilder
{
    /// <summary>The file the inferred recipe is written to in the output directory.</summary>
    public const string RecipeFileName = "recipe.yaml";

    /// <summary>The full log of the steps, in the output directory.</summary>
    public const string LogFileName = "build.log";

    /// <summary>
    /// Rebuilds <paramref name="request"/> and compares. A build that fails is a result (<see cref="Verdict.BuildFailed"/>),
    /// not an exception.
    /// </summary>
    /// <exception cref="RebuildException">Bad input: unknown ecosystem, bad spec, missing package, unreachable source, a reference
    /// that does not match <see cref="RebuildRequest.ReferenceDigest"/>, or an input that does not match its pinned digest
    /// (then no step has run).</exception>
    public static async Task<RebuildResult> RunAsync(RebuildRequest request, RebuildOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (request.ReferenceDigest is { } wanted && !Sha256Digest.IsHex(wanted.Replace("sha256:", "", StringComparison.Ordinal)))
        {
            throw new RebuildException($"--reference-digest {wanted}: not a SHA-256 (64 hex digits)");
        }

        using var inferred = await RecipeInference.InferAsync(request, options, cancellationToken).ConfigureAwait(false);
        var (ecosystem, plan, recipe, context) = (inferred.Ecosystem, inferred.Plan, inferred.Recipe, inferred.Context);
        var outDir = context.Options.OutDir;
        CheckReferences(request, plan);
        AtomicWrite.Text(Path.Combine(outDir, RecipeFileName), plan.RecipeYaml);
        var identity = Identity(request, inferred);
        PreparedBuild prepared;
        try
        {
            prepared = await PrepareStage.PrepareAsync(recipe, options.Store, context.Http, options.Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (BuildException e)
        {
            throw new RebuildException($"{request.Spec}: {e.Message}; no step was run", e);
        }

        var log = new StringBuilder();
        var gate = new object();
        void Progress(BuildEvent e)
        {
            if (e.Kind == BuildEventKind.StepOutput)
            {
                lock (gate)
                {
                    log.Append(e.Message).Append('\n');
                }
            }

            options.Progress?.Invoke(e);
        }

        ExecutedBuild executed;
        try
        {
            executed = await ExecuteStage.ExecuteAsync(prepared, identity, options.ScratchRoot, Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (BuildException e)
        {
            throw new RebuildException($"{request.Spec}: {e.Message}", e);
        }

        using (executed)
        {
            var logPath = Path.Combine(outDir, LogFileName);
            AtomicWrite.Text(logPath, log.ToString());
            return await CompareAsync(ecosystem, request, plan, recipe, executed, context, logPath, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckReferences(RebuildRequest request, RebuildPlan plan)
    {
        if (plan.References.Count == 0)
        {
            throw new RebuildException($"{request.Spec}: no published artifact to compare with (give one with --reference)");
        }

        if (request.ReferenceDigest is { } wanted)
        {
            var hex = wanted.Replace("sha256:", "", StringComparison.Ordinal).ToLowerInvariant();
            if (!plan.References.Any(r => r.Sha256 == hex))
            {
                throw new RebuildException($"{plan.References[0].Path}: its sha256 is {plan.References[0].Sha256}, not the --reference-digest {hex}");
            }
        }
    }

    private static BuildIdentity Identity(RebuildRequest request, InferredBuild inferred)
    {
        var (plan, context, identity) = (inferred.Plan, inferred.Context, inferred.Identity);
        if (!request.MatchBuildTime)
        {
            return identity;
        }

        if (plan.ReferenceBuildTime is not { } time)
        {
            throw new RebuildException($"{request.Spec}: --match-build-time: the reference reveals no build time");
        }

        context.Report($"--match-build-time: the clock starts at {DateTimeOffset.FromUnixTimeSeconds(time):yyyy-MM-dd'T'HH:mm:ss'Z'} ({plan.ReferenceBuildTimeEvidence})");
        return identity with { Clock = BuildClock.StartingAt(DateTimeOffset.FromUnixTimeSeconds(time)) };
    }

    private static async Task<RebuildResult> CompareAsync(IEcosystem ecosystem, RebuildRequest request, RebuildPlan plan, Recipe recipe, ExecutedBuild executed, RebuildContext context, string logPath, CancellationToken cancellationToken)
    {
        var environment = executed.Prepared.Environment;
        var buildPath = executed.Identity.Identity.WorkspacePath(recipe.Name);
        var result = new RebuildResult
        {
            Ecosystem = ecosystem.Name,
            Spec = request.Spec,
            Verdict = Verdict.BuildFailed,
            Artifacts = [],
            Recipe = plan.RecipeYaml,
            RecipeSha256 = recipe.Digest,
            EnvironmentDigest = environment.Digest,
            Packages = environment.Packages,
            Tools = executed.Tools,
            BuildPath = buildPath,
            BuildClock = executed.Identity.Identity.Clock.ToString(),
            SourceDateEpoch = executed.Prepared.SourceDateEpoch,
            EnvironmentDifferences = plan.EnvironmentDifferences,
            LogPath = logPath,
        };
        var facts = new RebuildEnvironmentFacts(
            environment.Packages.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Version, StringComparer.Ordinal),
            executed.Tools,
            buildPath,
            result.BuildClock,
            result.SourceDateEpoch);
        result = result with { Revelations = [.. plan.References.SelectMany(r => ecosystem.Reveal(r, facts))] };

        IReadOnlyList<Common.Records.OutputSubject> subjects = [];
        string? failure = executed.Failure;
        if (failure is null)
        {
            try
            {
                subjects = CollectStage.Collect(executed, Path.Combine(context.Options.OutDir, "rebuilt"));
                RecordStage.Write(RecordStage.Create(executed, subjects), context.Options.OutDir);
            }
            catch (BuildException e)
            {
                failure = e.Message;
            }
        }

        if (failure is not null)
        {
            var tail = string.Join('\n', executed.Steps.LastOrDefault()?.Outcome.OutputTail.Split('\n').TakeLast(30) ?? []);
            result = result with
            {
                BuildFailure = failure,
                LogTail = tail,
                Artifacts = [.. plan.References.Select(r => new ArtifactVerdict(r.Name, Verdict.BuildFailed, r.Sha256, null) { ReferencePath = r.Path })],
            };
            return await AttestAsync(result, plan, context).ConfigureAwait(false);
        }

        var artifacts = new List<ArtifactVerdict>();
        var paired = new HashSet<ReferenceArtifact>();
        var unpaired = new List<string>();
        foreach (var subject in subjects)
        {
            var built = Path.Combine(context.Options.OutDir, "rebuilt", subject.Name);
            if (plan.Pair(subject.Name, plan.References) is not { } reference)
            {
                unpaired.Add(subject.Name);
                continue;
            }

            paired.Add(reference);
            var finished = await ecosystem.FinishAsync(built, reference, context, cancellationToken).ConfigureAwait(false);
            context.Report($"comparing {reference.Name}");
            artifacts.Add(await ArtifactComparer.CompareAsync(reference.Name, finished, reference.Path, executed.Prepared.SourceDateEpoch, context.Scratch, cancellationToken).ConfigureAwait(false));
        }

        foreach (var missing in plan.References.Where(r => !paired.Contains(r)))
        {
            artifacts.Add(new ArtifactVerdict(missing.Name, Verdict.NotReproducible, missing.Sha256, null)
            {
                ReferencePath = missing.Path,
                Note = "the rebuild made no artifact of this name",
            });
        }

        result = result with
        {
            Artifacts = [.. artifacts.OrderBy(a => a.Name, StringComparer.Ordinal)],
            Unpaired = unpaired,
            Verdict = artifacts.Max(a => a.Verdict),
        };
        return await AttestAsync(result, plan, context).ConfigureAwait(false);
    }

    private static Task<RebuildResult> AttestAsync(RebuildResult result, RebuildPlan plan, RebuildContext context)
    {
        if (context.Options.SigningKey is not { } key)
        {
            return Task.FromResult(result);
        }

        var attestations = RebuildAttestations.Sign(result, key, context.Options.OutDir);
        return Task.FromResult(result with { Attestations = attestations });
    }
}
