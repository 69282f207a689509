using Verbatim.Common.Digests;
using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Provenance;

namespace Verbatim.Tests.Provenance;

/// <summary>Fixed provenance inputs and signed envelopes for the provenance tests.</summary>
internal static class ProvenanceSamples
{
    public const string HelloDigest = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    public static ProvenanceInput Input(params Subject[] subjects) => new(
        subjects.Length > 0 ? subjects : [new Subject("dist/hello.tar.gz", HelloDigest)],
        ProvenanceStatement.RecipeBuildType,
        new JsonObject { ["recipe"] = new JsonObject { ["path"] = "verbatim.yaml", ["sha256"] = new string('a', 64) }, ["source_date_epoch"] = 1700000000 },
        new JsonObject { ["environment"] = "host" },
        [
            new ResolvedDependency("src", "file:src", new string('b', 64)),
            new ResolvedDependency("environment", "", new string('c', 64)),
        ],
        "https://verbatim.dev/builders/local/v1",
        "inv-1",
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new DateTimeOffset(2024, 1, 2, 3, 4, 6, 250, TimeSpan.Zero),
        new Dictionary<string, string> { ["verbatim"] = "0.1.0" });

    public static byte[] Statement() => ProvenanceStatement.Create(Input());

    /// <summary>A statement whose only subject is the file at <paramref name="artifact"/>.</summary>
    public static byte[] StatementFor(string artifact) =>
        ProvenanceStatement.Create(Input(new Subject(Path.GetFileName(artifact), Sha256Digest.OfFile(artifact).Hex)));

    /// <summary>An envelope JSON with the given fields, written as a test would tamper with one.</summary>
    public static byte[] Envelope(string payloadBase64, string payloadType, string keyId, string sigBase64) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["payload"] = payloadBase64,
            ["payloadType"] = payloadType,
            ["signatures"] = new JsonArray { new JsonObject { ["keyid"] = keyId, ["sig"] = sigBase64 } },
        }.ToJsonString());

    public static JsonObject Parse(byte[] json) => JsonNode.Parse(json)!.AsObject();
}
