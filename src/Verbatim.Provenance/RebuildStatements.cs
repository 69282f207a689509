using System.Text.Json.Nodes;
using Verbatim.Common.Digests;
using Verbatim.Common.Json;

namespace Verbatim.Provenance;

/// <summary>
/// The two in-toto Statement v1 kinds <c>verbatim rebuild --attest</c> signs about a published artifact (the subject is
/// the reference's digest): a SLSA Verification Summary v1 (PASSED only when the rebuild is bit-for-bit identical) and
/// Verbatim's own rebuild predicate (docs/rebuild-attestation.md). Serialised canonically: the same values, the same bytes.
/// </summary>
public static class RebuildStatements
{
    /// <summary>The <c>predicateType</c> of a SLSA Verification Summary Attestation v1.</summary>
    public const string VerificationSummaryType = "https://slsa.dev/verification_summary/v1";

    /// <summary>The <c>predicateType</c> of Verbatim's rebuild predicate.</summary>
    public const string RebuildType = "https://verbatim.dev/rebuild/v1";

    /// <summary>The policy a verification summary names: PASSED iff the rebuild is bit-for-bit identical to the subject.</summary>
    public const string BitForBitPolicy = "https://verbatim.dev/rebuild-policy/bit-for-bit/v1";

    /// <summary>A statement of a verification summary for <paramref name="subject"/>.</summary>
    /// <param name="verifierId">Who verified, e.g. <c>verbatim-local/0.1.0</c>.</param>
    /// <param name="resourceUri">The artifact's URI, e.g. <c>pkg:deb/debian/hello@2.10-3?arch=amd64</c>.</param>
    /// <param name="passed">PASSED or FAILED.</param>
    /// <param name="verifiedLevels">The properties verified, e.g. <c>VERBATIM_REPRODUCIBLE</c>; empty when failed.</param>
    public static byte[] VerificationSummary(Subject subject, string verifierId, string resourceUri, bool passed, IReadOnlyList<string> verifiedLevels)
    {
        ArgumentNullException.ThrowIfNull(verifiedLevels);
        var predicate = new JsonObject
        {
            ["verifier"] = new JsonObject { ["id"] = Required(verifierId, "the verifier id") },
            ["resourceUri"] = Required(resourceUri, "the resource URI"),
            ["policy"] = new JsonObject { ["uri"] = BitForBitPolicy },
            ["verificationResult"] = passed ? "PASSED" : "FAILED",
            ["verifiedLevels"] = new JsonArray([.. verifiedLevels.Select(l => (JsonNode)JsonValue.Create(l)!)]),
        };
        return Statement(subject, VerificationSummaryType, predicate);
    }

    /// <summary>A statement of Verbatim's rebuild predicate (its members as docs/rebuild-attestation.md lists them) for <paramref name="subject"/>.</summary>
    public static byte[] Rebuild(Subject subject, JsonObject predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (predicate["verdict"] is null)
        {
            throw new ArgumentException("a rebuild predicate needs a verdict", nameof(predicate));
        }

        return Statement(subject, RebuildType, (JsonObject)predicate.DeepClone());
    }

    private static byte[] Statement(Subject subject, string predicateType, JsonObject predicate)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (string.IsNullOrEmpty(subject.Name) || !Sha256Digest.IsHex(subject.Sha256))
        {
            throw new ArgumentException("the subject needs a name and a 64-hex-digit sha256", nameof(subject));
        }

        return CanonicalJson.Serialize(new JsonObject
        {
            ["_type"] = ProvenanceStatement.StatementType,
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = subject.Name,
                ["digest"] = new JsonObject { ["sha256"] = subject.Sha256.ToLowerInvariant() },
            }),
            ["predicateType"] = predicateType,
            ["predicate"] = predicate,
        });
    }

    private static string Required(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{what} is empty") : value;
}
