using System.Text;
using System.Text.Json;
using Verbatim.Common.Digests;
using Verbatim.Core.Model;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Service.Contracts;

namespace Verbatim.Worker.Executors.Noop;

/// <summary>
/// The <c>noop</c> ecosystem, for load tests and for trying the service: it builds nothing. Its job spec (JSON,
/// every field optional) is <c>{"durationMs": N, "reference": TEXT, "rebuilt": TEXT, "infrastructureFailure": REASON}</c>:
/// it waits <c>durationMs</c> (renewing its lease like any job), fails for the infrastructure's sake when asked, and
/// otherwise compares <c>reference</c> with <c>rebuilt</c> through the diff engine (reproducible when they are
/// identical, else not reproducible with the causes and the HTML report the engine finds). Without texts it
/// completes at once as reproducible, both digests being the digest of the package's identity. Its results are
/// signed and uploaded like every other.
/// </summary>
public sealed class NoopExecutor : IJobExecutor
{
    public const string Name = "noop";

    public string Ecosystem => Name;

    public async Task<JobOutcome> ExecuteAsync(JobLease job, JobContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(context);
        var spec = Spec.Parse(job.Spec);
        if (spec.DurationMs > 0)
        {
            await Task.Delay(spec.DurationMs, cancel).ConfigureAwait(false);
        }

        if (spec.InfrastructureFailure is { } reason)
        {
            throw new InfrastructureException(reason);
        }

        if (spec.Reference is null || spec.Rebuilt is null)
        {
            var digest = Sha256Digest.Of(Encoding.UTF8.GetBytes(ResultStatement.Identity(job.Ecosystem, job.Package, job.Version))).Hex;
            return new JobOutcome("reproducible", digest, digest, [], [], "noop: nothing to rebuild");
        }

        var reference = Path.Combine(context.ScratchDirectory, "reference");
        var rebuilt = Path.Combine(context.ScratchDirectory, "rebuilt");
        await File.WriteAllTextAsync(reference, spec.Reference, cancel).ConfigureAwait(false);
        await File.WriteAllTextAsync(rebuilt, spec.Rebuilt, cancel).ConfigureAwait(false);
        var result = await new DiffEngine(FormatRegistry.Default, new DiffOptions { Parallelism = 1 }).CompareAsync(reference, rebuilt, cancel).ConfigureAwait(false);
        var digests = (Sha256Digest.OfFile(reference).Hex, Sha256Digest.OfFile(rebuilt).Hex);
        if (result.Identical)
        {
            return new JobOutcome("reproducible", digests.Item1, digests.Item2, [], [], "noop: the texts are identical");
        }

        var label = ResultStatement.Identity(job.Ecosystem, job.Package, job.Version);
        return new JobOutcome(
            "not-reproducible",
            digests.Item1,
            digests.Item2,
            [.. result.Summary.Causes.Select(c => c.Kind.Id())],
            [],
            "noop: " + result.Summary.ToSentence(),
            DiffHtml: HtmlReport.Render(label + " (reference)", label + " (rebuilt)", result.Root, result.Summary));
    }

    private sealed record Spec(int DurationMs, string? Reference, string? Rebuilt, string? InfrastructureFailure)
    {
        public static Spec Parse(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return new Spec(0, null, null, null);
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new InfrastructureException("noop: the job spec is not a JSON object");
                }

                return new Spec(
                    root.TryGetProperty("durationMs", out var d) && d.TryGetInt32(out var ms) ? Math.Clamp(ms, 0, 3_600_000) : 0,
                    Text(root, "reference"),
                    Text(root, "rebuilt"),
                    Text(root, "infrastructureFailure"));
            }
            catch (JsonException e)
            {
                throw new InfrastructureException("noop: the job spec is not JSON: " + e.Message);
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
