using System.Text.Json.Nodes;
using Verbatim.Build;
using Verbatim.Common.IO;
using Verbatim.Common.Verdicts;
using Verbatim.Provenance;
using Verbatim.Rebuild.Results;

namespace Verbatim.Rebuild.Attestation;

/// <summary>
/// Signs every verdict, failures too: for each reference artifact, a SLSA Verification Summary
/// (<c>NAME.vsa.dsse.json</c>) and a Verbatim rebuild statement (<c>NAME.rebuild.dsse.json</c>), DSSE envelopes whose
/// subject is the reference's digest, written to the output directory.
/// </summary>
public static class RebuildAttestations
{
    public static IReadOnlyList<RebuildAttestation> Sign(RebuildResult result, SigningKey key, string outDir)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(key);
        var signed = new List<RebuildAttestation>();
        foreach (var artifact in result.Artifacts.Where(a => a.ReferenceSha256 is not null))
        {
            var subject = new Subject(artifact.Name, artifact.ReferenceSha256!);
            var passed = artifact.Verdict == Verdict.Reproducible;
            var vsa = RebuildStatements.VerificationSummary(subject, BuildRunner.BuilderId, ResourceUri(artifact), passed, passed ? ["VERBATIM_REPRODUCIBLE"] : []);
            signed.Add(Write(outDir, "verification-summary", artifact.Name, artifact.Name + ".vsa.dsse.json", Dsse.Sign(Dsse.InTotoPayloadType, vsa, key)));
            var statement = RebuildStatements.Rebuild(subject, Predicate(result, artifact));
            signed.Add(Write(outDir, "rebuild", artifact.Name, artifact.Name + ".rebuild.dsse.json", Dsse.Sign(Dsse.InTotoPayloadType, statement, key)));
        }

        return signed;
    }

    /// <summary>A package URL naming the artifact by its digest (the generic type: the name is the published file's).</summary>
    public static string ResourceUri(ArtifactVerdict artifact) =>
        $"pkg:generic/{Uri.EscapeDataString(artifact.Name)}?checksum=sha256:{artifact.ReferenceSha256}";

    /// <summary>The rebuild predicate (docs/rebuild-attestation.md).</summary>
    public static JsonObject Predicate(RebuildResult result, ArtifactVerdict artifact)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(artifact);
        return new JsonObject
        {
            ["builder"] = new JsonObject { ["id"] = BuildRunner.BuilderId },
            ["ecosystem"] = result.Ecosystem,
            ["spec"] = result.Spec,
            ["verdict"] = artifact.Verdict.Name(),
            ["overallVerdict"] = result.Verdict.Name(),
            ["rebuilt"] = artifact.RebuiltSha256 is { } rebuilt ? new JsonObject { ["sha256"] = rebuilt } : null,
            ["recipe"] = new JsonObject { ["sha256"] = result.RecipeSha256 },
            ["environment"] = new JsonObject
            {
                ["rootfs"] = result.EnvironmentDigest is { } d ? new JsonObject { ["sha256"] = d } : null,
                ["kind"] = result.EnvironmentDigest is null ? "host" : "rootfs",
                ["packages"] = new JsonArray([.. result.Packages.Select(p => (JsonNode)JsonValue.Create(p.ToString())!)]),
                ["buildPath"] = result.BuildPath,
                ["clock"] = result.BuildClock,
                ["sourceDateEpoch"] = result.SourceDateEpoch,
            },
            ["normalizations"] = new JsonArray([.. artifact.NormalizationIds.Select(i => (JsonNode)JsonValue.Create(i)!)]),
            ["differingMembers"] = new JsonArray([.. artifact.DifferingMembers.Select(m => (JsonNode)JsonValue.Create(m)!)]),
            ["buildFailure"] = result.BuildFailure,
        };
    }

    private static RebuildAttestation Write(string outDir, string kind, string artifact, string fileName, byte[] envelope)
    {
        var safe = string.Concat(fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '~' ? c : '_'));
        AtomicWrite.Stream(Path.Combine(outDir, safe), s => s.Write(envelope));
        return new RebuildAttestation(kind, artifact, safe, envelope);
    }
}
