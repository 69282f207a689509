using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verbatim.Common.Digests;
using Verbatim.Common.Json;
using Verbatim.Provenance;

namespace Verbatim.Service.Contracts;

/// <summary>
/// The in-toto statement a worker signs for every result, whatever the verdict: subject = the reference artifact
/// (or, when there is none, the package's identity), predicate <see cref="PredicateType"/> with the job, lease,
/// verdict, both digests, the causes and the normalizations. The server checks the signature against the worker's
/// registered key and that the statement says what the upload says (<see cref="Check"/>).
/// </summary>
public static class ResultStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://verbatim.dev/service-result/v1";

    /// <summary>The statement's canonical JSON bytes for <paramref name="lease"/> and <paramref name="upload"/> (its attestation field is not read).</summary>
    public static byte[] Create(JobLease lease, ResultUpload upload)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(upload);
        var subjectDigest = upload.ReferenceDigest ?? Sha256Digest.Of(Encoding.UTF8.GetBytes(Identity(lease.Ecosystem, lease.Package, lease.Version))).Hex;
        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = Identity(lease.Ecosystem, lease.Package, lease.Version),
                ["digest"] = new JsonObject { ["sha256"] = subjectDigest },
            }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["jobId"] = lease.JobId,
                ["leaseId"] = upload.LeaseId,
                ["collection"] = lease.Collection,
                ["ecosystem"] = lease.Ecosystem,
                ["package"] = lease.Package,
                ["version"] = lease.Version,
                ["verdict"] = upload.Verdict,
                ["referenceDigest"] = upload.ReferenceDigest,
                ["rebuiltDigest"] = upload.RebuiltDigest,
                ["causes"] = new JsonArray([.. upload.Causes.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["normalizations"] = new JsonArray([.. upload.Normalizations.Select(n => (JsonNode?)JsonValue.Create(n))]),
            },
        };
        return CanonicalJson.Serialize(statement);
    }

    /// <summary>Signs the statement for <paramref name="lease"/> and <paramref name="upload"/>: the DSSE envelope's JSON text.</summary>
    public static string Sign(JobLease lease, ResultUpload upload, SigningKey key) =>
        Encoding.UTF8.GetString(Dsse.Sign(Dsse.InTotoPayloadType, Create(lease, upload), key));

    /// <summary>
    /// Null when <paramref name="upload"/>'s attestation is signed by <paramref name="key"/> and its statement names
    /// job <paramref name="jobId"/>, the upload's lease, verdict, digests, causes and normalizations; else why not.
    /// </summary>
    public static string? Check(long jobId, ResultUpload upload, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(key);
        var verification = Dsse.Verify(Encoding.UTF8.GetBytes(upload.Attestation), key, Dsse.InTotoPayloadType);
        if (!verification.Valid)
        {
            return "the attestation does not verify: " + verification.Reason;
        }

        try
        {
            using var document = JsonDocument.Parse(verification.Payload);
            var root = document.RootElement;
            if (Text(root, "_type") != StatementType || Text(root, "predicateType") != PredicateType)
            {
                return $"the attestation is not a {PredicateType} statement";
            }

            var predicate = root.GetProperty("predicate");
            if (!predicate.TryGetProperty("jobId", out var job) || job.GetInt64() != jobId)
            {
                return "the attestation is for another job";
            }

            string?[] expected = [upload.LeaseId, upload.Verdict, upload.ReferenceDigest, upload.RebuiltDigest];
            string?[] actual = [Text(predicate, "leaseId"), Text(predicate, "verdict"), Text(predicate, "referenceDigest"), Text(predicate, "rebuiltDigest")];
            string[] names = ["leaseId", "verdict", "referenceDigest", "rebuiltDigest"];
            for (var i = 0; i < names.Length; i++)
            {
                if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
                {
                    return $"the attestation's {names[i]} is not the upload's";
                }
            }

            if (!Strings(predicate, "causes").SequenceEqual(upload.Causes) || !Strings(predicate, "normalizations").SequenceEqual(upload.Normalizations))
            {
                return "the attestation's causes or normalizations are not the upload's";
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return "the attestation's statement is malformed";
        }

        return null;
    }

    /// <summary><c>ecosystem/name@version</c>: the subject name of a package's statement.</summary>
    public static string Identity(string ecosystem, string name, string version) => $"{ecosystem}/{name}@{version}";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? "")
            : [];
}
