using System.Text.Json;

namespace Verbatim.Provenance;

/// <summary>The outcome of checking a rebuild statement: when valid, its kind, the subject that matched and the result it states.</summary>
/// <param name="Kind"><c>verification-summary</c> or <c>rebuild</c>.</param>
/// <param name="Result">PASSED/FAILED for a verification summary; the verdict (e.g. <c>reproducible</c>) for a rebuild statement.</param>
/// <param name="Verifier">Who verified (the VSA's verifier id, the rebuild predicate's builder id).</param>
public sealed record RebuildStatementVerification(bool Valid, string? Reason, Subject? MatchedSubject, string? Kind, string? Result, string? Verifier)
{
    internal static RebuildStatementVerification Rejected(string reason) => new(false, reason, null, null, null, null);
}

/// <summary>
/// Checks the statements of <see cref="RebuildStatements"/>: in-toto Statement v1 shape, one of the two predicate types
/// with its required members and allowed values, and the artifact's SHA-256 among the subjects. Never throws on bad input.
/// </summary>
public static class RebuildStatementVerifier
{
    /// <summary>True when <paramref name="predicateType"/> is one of the rebuild statements' types.</summary>
    public static bool Handles(string? predicateType) =>
        predicateType is RebuildStatements.VerificationSummaryType or RebuildStatements.RebuildType;

    /// <summary>The predicateType of a statement, or null when it cannot be read.</summary>
    public static string? PredicateType(byte[] statementJson)
    {
        try
        {
            using var document = JsonDocument.Parse(statementJson, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("predicateType", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static RebuildStatementVerification VerifyDigest(byte[] statementJson, string artifactSha256)
    {
        ArgumentNullException.ThrowIfNull(statementJson);
        ArgumentNullException.ThrowIfNull(artifactSha256);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(statementJson, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return RebuildStatementVerification.Rejected($"the statement is not valid JSON: {e.Message.Split('\n')[0].Trim()}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RebuildStatementVerification.Rejected("the statement is not a JSON object");
            }

            if (!root.TryGetProperty("_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != ProvenanceStatement.StatementType)
            {
                return RebuildStatementVerification.Rejected($"the statement has no _type '{ProvenanceStatement.StatementType}'");
            }

            if (StatementShape.CheckSubjects(root) is { } subjectProblem)
            {
                return RebuildStatementVerification.Rejected($"the statement {subjectProblem}");
            }

            if (!root.TryGetProperty("predicate", out var predicate) || predicate.ValueKind != JsonValueKind.Object)
            {
                return RebuildStatementVerification.Rejected("the statement has no predicate object");
            }

            var predicateType = root.TryGetProperty("predicateType", out var pt) && pt.ValueKind == JsonValueKind.String ? pt.GetString() : null;
            var (kind, result, verifier, problem) = predicateType switch
            {
                RebuildStatements.VerificationSummaryType => Summary(predicate),
                RebuildStatements.RebuildType => Rebuild(predicate),
                _ => (null, null, null, $"has predicateType '{predicateType}', not a rebuild statement"),
            };
            if (problem is not null)
            {
                return RebuildStatementVerification.Rejected($"the statement {problem}");
            }

            var hex = artifactSha256.ToLowerInvariant();
            var subjects = StatementShape.Subjects(root);
            var match = subjects.FirstOrDefault(s => s.Sha256 == hex);
            return match is null
                ? RebuildStatementVerification.Rejected($"the artifact's sha256 {hex} is not a subject of the statement (subject: {subjects[0].Name} sha256:{subjects[0].Sha256[..12]}…)")
                : new RebuildStatementVerification(true, null, match, kind, result, verifier);
        }
    }

    private static (string?, string?, string?, string?) Summary(JsonElement predicate)
    {
        var verifier = predicate.TryGetProperty("verifier", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (string.IsNullOrEmpty(verifier))
        {
            return (null, null, null, "has no predicate.verifier.id");
        }

        if (!predicate.TryGetProperty("resourceUri", out var uri) || uri.ValueKind != JsonValueKind.String || uri.GetString()!.Length == 0)
        {
            return (null, null, null, "has no predicate.resourceUri");
        }

        if (!predicate.TryGetProperty("policy", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, "has no predicate.policy");
        }

        if (!predicate.TryGetProperty("verifiedLevels", out var levels) || levels.ValueKind != JsonValueKind.Array)
        {
            return (null, null, null, "has no predicate.verifiedLevels list");
        }

        var result = predicate.TryGetProperty("verificationResult", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return result is "PASSED" or "FAILED"
            ? ("verification-summary", result, verifier, null)
            : (null, null, null, $"has predicate.verificationResult '{result}', expected PASSED or FAILED");
    }

    private static (string?, string?, string?, string?) Rebuild(JsonElement predicate)
    {
        var verdict = predicate.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (verdict is not ("reproducible" or "equivalent-after-normalization" or "not-reproducible" or "build-failed"))
        {
            return (null, null, null, $"has predicate.verdict '{verdict}', not a verdict");
        }

        foreach (var member in new[] { "recipe", "environment", "normalizations", "builder", "ecosystem", "spec" })
        {
            if (!predicate.TryGetProperty(member, out _))
            {
                return (null, null, null, $"has no predicate.{member}");
            }
        }

        var builder = predicate.GetProperty("builder");
        var id = builder.ValueKind == JsonValueKind.Object && builder.TryGetProperty("id", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        return id is null ? (null, null, null, "has no predicate.builder.id") : ("rebuild", verdict, id, null);
    }
}
