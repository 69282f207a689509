using System.Text.Json.Nodes;
using Verbatim.Common.Json;
using Verbatim.Common.Verdicts;

namespace Verbatim.Rebuild.Results;

/// <summary>
/// A <see cref="RebuildResult"/> as JSON, schema <c>verbatim-rebuild/1</c> (docs/rebuild.md), written by
/// <see cref="CanonicalJson"/> (indented, keys sorted): no time or machine-specific path recorded beyond the output
/// files', so the same rebuild gives the same bytes.
/// </summary>
public static class RebuildResultJson
{
    public const string Schema = "verbatim-rebuild/1";

    public static string Render(RebuildResult result) => CanonicalJson.ToText(Document(result), CanonicalJsonStyle.Indented);

    public static JsonObject Document(RebuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["schema"] = Schema,
            ["ecosystem"] = result.Ecosystem,
            ["spec"] = result.Spec,
            ["verdict"] = result.Verdict.Name(),
            ["summary"] = result.Summary,
            ["artifacts"] = new JsonArray([.. result.Artifacts.Select(Artifact)]),
            ["unpaired"] = Strings(result.Unpaired),
            ["recipe"] = new JsonObject { ["sha256"] = result.RecipeSha256, ["text"] = result.Recipe },
            ["environment"] = new JsonObject
            {
                ["kind"] = result.EnvironmentDigest is null ? "host" : "rootfs",
                ["rootfs"] = result.EnvironmentDigest,
                ["packages"] = new JsonArray([.. result.Packages.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["version"] = p.Version, ["architecture"] = p.Architecture })]),
                ["tools"] = Map(result.Tools),
                ["buildPath"] = result.BuildPath,
                ["clock"] = result.BuildClock,
                ["sourceDateEpoch"] = result.SourceDateEpoch,
                ["differences"] = Strings(result.EnvironmentDifferences),
            },
            ["revelations"] = new JsonArray([.. result.Revelations.Select(Revelation)]),
            ["buildFailure"] = result.BuildFailure is null ? null : new JsonObject
            {
                ["reason"] = result.BuildFailure,
                ["logTail"] = result.LogTail,
                ["log"] = result.LogPath,
            },
            ["attestations"] = new JsonArray([.. result.Attestations.Select(a => (JsonNode)new JsonObject { ["artifact"] = a.Artifact, ["kind"] = a.Kind, ["file"] = a.FileName })]),
        };
    }

    private static JsonNode Artifact(ArtifactVerdict a) => new JsonObject
    {
        ["name"] = a.Name,
        ["verdict"] = a.Verdict.Name(),
        ["reference"] = a.ReferenceSha256 is null ? null : new JsonObject { ["sha256"] = a.ReferenceSha256 },
        ["rebuilt"] = a.RebuiltSha256 is null ? null : new JsonObject { ["sha256"] = a.RebuiltSha256, ["path"] = a.RebuiltPath },
        ["normalizations"] = Strings(a.NormalizationIds),
        ["differingMembers"] = Strings(a.DifferingMembers),
        ["causes"] = Strings(a.Causes),
        ["note"] = a.Note,
        ["diff"] = a.DiffReport is null ? null : JsonNode.Parse(a.DiffReport),
    };

    private static JsonNode Revelation(Revelation r) => new JsonObject
    {
        ["artifact"] = r.Artifact,
        ["aspect"] = r.Aspect,
        ["reference"] = r.Reference,
        ["rebuild"] = r.Rebuild,
        ["evidence"] = r.Evidence,
        ["differs"] = r.Differs,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }

        return map;
    }
}
