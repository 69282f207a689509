using Verbatim.Common.Verdicts;
using Verbatim.Rebuild.Results;

namespace Verbatim.Cli.Output;

/// <summary>The text form of a rebuild's result: each artifact's verdict and digests, what the references reveal that differs, then the one-line summary.</summary>
internal static class RebuildRenderer
{
    public static void Render(TextWriter output, RebuildResult result)
    {
        foreach (var artifact in result.Artifacts)
        {
            output.WriteLine($"{artifact.Verdict.Name(),-31} {artifact.Name}");
            output.WriteLine($"    reference sha256:{artifact.ReferenceSha256 ?? "(none)"}");
            output.WriteLine($"    rebuilt   sha256:{artifact.RebuiltSha256 ?? "(none)"}");
            if (artifact.NormalizationIds.Count > 0)
            {
                output.WriteLine($"    normalizations: {string.Join(", ", artifact.NormalizationIds)}");
            }

            foreach (var member in artifact.DifferingMembers.Take(8))
            {
                output.WriteLine($"    differs: {member}");
            }

            if (artifact.Causes.Count > 0)
            {
                output.WriteLine($"    causes: {string.Join(", ", artifact.Causes)}");
            }

            if (artifact.Note is not null)
            {
                output.WriteLine($"    {artifact.Note}");
            }
        }

        foreach (var name in result.Unpaired)
        {
            output.WriteLine($"{"not compared",-31} {name} (no reference published or given)");
        }

        foreach (var revelation in result.Revelations.Where(r => r.Differs != false))
        {
            var state = revelation.Differs is null ? "unknown" : "differs";
            output.WriteLine($"reveals {revelation.Aspect} ({state}): reference {revelation.Reference ?? "?"}, rebuild {revelation.Rebuild ?? "?"} — {revelation.Evidence}");
        }

        foreach (var difference in result.EnvironmentDifferences)
        {
            output.WriteLine($"environment differs: {difference}");
        }

        if (result.BuildFailure is not null && result.LogTail is { Length: > 0 } tail)
        {
            foreach (var line in tail.Split('\n').TakeLast(10))
            {
                output.WriteLine($"    | {line}");
            }

            output.WriteLine($"full log: {result.LogPath}");
        }

        foreach (var attestation in result.Attestations)
        {
            output.WriteLine($"signed {attestation.Kind}: {attestation.FileName}");
        }

        output.WriteLine(result.Summary);
    }
}
