using Verbatim.Build.Cache;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Model;
using Verbatim.Core.Reports;
using Verbatim.Rebuild;
using Verbatim.Rebuild.Results;
using Verbatim.Service.Contracts;

namespace Verbatim.Worker.Executors.Rebuild;

/// <summary>
/// Runs a job of a real ecosystem (debian, python, nuget, npm) with <see cref="Rebuilder.RunAsync"/>: the same rebuild
/// <c>verbatim rebuild</c> does, in the build sandbox, compared with the published artifacts by the diff engine. A
/// failed build is a verdict; a spec the ecosystem cannot resolve (an unreachable mirror, a missing package) is an
/// infrastructure failure, retried by the server with back-off and then failed with its reason.
/// </summary>
public sealed class RebuildExecutor(string ecosystem, ContentStore store) : IJobExecutor
{
    // Debian rebuilds share the store's apt state (indexes and the lock apt takes while refreshing them): one at a time per store.
    private static readonly SemaphoreSlim DebianGate = new(1, 1);

    public string Ecosystem => ecosystem;

    /// <summary>The spec <c>verbatim rebuild</c> takes for a job: <c>NAME=VERSION</c> (debian), <c>NAME@VERSION</c> (npm), else the job's own spec (a source path).</summary>
    public static string SpecOf(JobLease job) => job.Spec is { Length: > 0 } spec ? spec : job.Ecosystem switch
    {
        "debian" => job.Package + "=" + job.Version,
        "npm" => job.Package + "@" + job.Version,
        _ => throw new InfrastructureException($"{job.Ecosystem} job {job.Package} {job.Version}: no spec (a source path) was given when the package was added"),
    };

    public async Task<JobOutcome> ExecuteAsync(JobLease job, JobContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(context);
        var spec = SpecOf(job);
        var gate = ecosystem == "debian" ? DebianGate : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
        }

        RebuildResult result;
        try
        {
            var scratch = context.ScratchDirectory;
            result = await Rebuilder.RunAsync(
                new RebuildRequest(ecosystem, spec),
                new RebuildOptions { Store = store, OutDir = Path.Combine(scratch, "out"), ScratchRoot = scratch },
                cancel).ConfigureAwait(false);
        }
        catch (RebuildException e)
        {
            throw new InfrastructureException(e.Message, e);
        }
        finally
        {
            gate?.Release();
        }

        return Outcome(result);
    }

    private static JobOutcome Outcome(RebuildResult result)
    {
        // The worst artifact decides the verdict; its digests are the ones shown (the first artifact when all agree).
        var shown = result.Artifacts.FirstOrDefault(a => a.Verdict == result.Verdict) ?? result.Artifacts.FirstOrDefault();
        var differing = result.Artifacts.FirstOrDefault(a => a.Tree is not null);
        return new JobOutcome(
            result.Verdict.Name(),
            shown?.ReferenceSha256,
            shown?.RebuiltSha256,
            [.. result.Artifacts.SelectMany(a => a.Causes).Select(CauseId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. result.Artifacts.SelectMany(a => a.NormalizationIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            result.Summary,
            BuildRecord: RebuildResultJson.Render(result),
            DiffHtml: differing?.Tree is { } tree
                ? HtmlReport.Render(differing.ReferencePath ?? differing.Name, differing.RebuiltPath ?? differing.Name, tree, DiffSummary.Of(tree))
                : null);
    }

    // "timestamp ×3" → "timestamp".
    private static string CauseId(string cause) => cause.Split(' ', 2)[0];
}
