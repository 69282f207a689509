using Verbatim.Common.Digests;
using System.Text.Json;

namespace Verbatim.Provenance;

/// <summary>
/// Checks an in-toto Statement v1 with a SLSA Provenance v1 predicate: its shape (types and required fields)
/// and that an artifact's SHA-256 is one of its subjects. Never throws on bad input.
/// </summary>
public static class StatementVerifier
{
    /// <summary>Checks the statement's shape and that the file at <paramref name="artifactPath"/> is one of its subjects.</summary>
    public static StatementVerification Verify(byte[] statementJson, string artifactPath)
    {
        string digest;
        try
        {
            digest = Sha256Digest.OfFile(artifactPath).Hex;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return StatementVerification.Rejected($"cannot read the artifact {artifactPath}: {e.Message}");
        }

        return VerifyDigest(statementJson, digest);
    }

    /// <summary>Checks the statement's shape and that <paramref name="artifactSha256"/> (hex) is one of its subjects.</summary>
    public static StatementVerification VerifyDigest(byte[] statementJson, string artifactSha256)
    {
        ArgumentNullException.ThrowIfNull(artifactSha256);
        return Check(statementJson, artifactSha256.ToLowerInvariant());
    }

    /// <summary>Checks only the statement's shape.</summary>
    public static StatementVerification VerifyShape(byte[] statementJson) => Check(statementJson, artifactSha256: null);

    private static StatementVerification Check(byte[] statementJson, string? artifactSha256)
    {
        ArgumentNullException.ThrowIfNull(statementJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(statementJson, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return StatementVerification.Rejected($"the statement is not valid JSON: {e.Message.Split('\n')[0].Trim()}");
        }

        using (document)
        {
            var root = document.RootElement;
            var shape = StatementShape.Check(root);
            if (shape is not null)
            {
                return StatementVerification.Rejected($"the statement {shape}");
            }

            var subjects = StatementShape.Subjects(root);
            var buildType = root.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("buildType").GetString();
            var builderId = root.GetProperty("predicate").GetProperty("runDetails").GetProperty("builder").GetProperty("id").GetString();
            if (artifactSha256 is null)
            {
                return new StatementVerification(true, null, null, buildType, builderId);
            }

            var match = subjects.FirstOrDefault(s => string.Equals(s.Sha256, artifactSha256, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var listed = string.Join(", ", subjects.Take(3).Select(s => $"{s.Name} sha256:{s.Sha256[..12]}…"));
                var more = subjects.Count > 3 ? $" and {subjects.Count - 3} more" : "";
                return StatementVerification.Rejected($"the artifact's sha256 {artifactSha256} is not a subject of the statement (subjects: {listed}{more})");
            }

            return new StatementVerification(true, null, match, buildType, builderId);
        }
    }
}
