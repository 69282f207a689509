using Verbatim.Common.Digests;
using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Provenance;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Provenance;

public class StatementVerifierTests
{
    [Fact]
    public void Statement_about_the_artifact_verifies()
    {
        using var dir = new TempDir();
        var artifact = dir.Write("hello.tar.gz", "bytes");
        var result = StatementVerifier.Verify(ProvenanceSamples.StatementFor(artifact), artifact);
        Assert.True(result.Valid, result.Reason);
        Assert.Equal("hello.tar.gz", result.MatchedSubject!.Name);
        Assert.Equal(ProvenanceStatement.RecipeBuildType, result.BuildType);
        Assert.Equal("https://verbatim.dev/builders/local/v1", result.BuilderId);
    }

    [Fact]
    public void Other_artifact_is_not_a_subject()
    {
        using var dir = new TempDir();
        var artifact = dir.Write("hello.tar.gz", "bytes");
        var other = dir.Write("other.tar.gz", "other bytes");
        var result = StatementVerifier.Verify(ProvenanceSamples.StatementFor(artifact), other);
        Assert.False(result.Valid);
        Assert.Equal($"the artifact's sha256 {Sha256Digest.OfFile(other).Hex} is not a subject of the statement (subjects: hello.tar.gz sha256:{Sha256Digest.OfFile(artifact).Hex[..12]}…)", result.Reason);
    }

    [Fact]
    public void Unreadable_artifact_is_a_reason_not_an_exception()
    {
        using var dir = new TempDir();
        var result = StatementVerifier.Verify(ProvenanceSamples.Statement(), dir.File("missing"));
        Assert.False(result.Valid);
        Assert.StartsWith("cannot read the artifact", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_match_ignores_case()
    {
        Assert.True(StatementVerifier.VerifyDigest(ProvenanceSamples.Statement(), ProvenanceSamples.HelloDigest.ToUpperInvariant()).Valid);
    }

    [Theory]
    [InlineData("_type", null, "the statement has no _type")]
    [InlineData("_type", "\"https://in-toto.io/Statement/v0.1\"", "the statement has _type 'https://in-toto.io/Statement/v0.1', expected 'https://in-toto.io/Statement/v1'")]
    [InlineData("predicateType", "\"https://slsa.dev/provenance/v0.2\"", "the statement has predicateType 'https://slsa.dev/provenance/v0.2', expected 'https://slsa.dev/provenance/v1'")]
    [InlineData("predicateType", "7", "the statement has no predicateType")]
    [InlineData("subject", null, "the statement has no subject list")]
    [InlineData("subject", "[]", "the statement has no subject list")]
    [InlineData("subject", "[\"x\"]", "the statement has a subject[0] that is not an object")]
    [InlineData("subject", "[{\"name\":\"x\"}]", "the statement has no subject[0].digest")]
    [InlineData("subject", "[{\"name\":\"x\",\"digest\":{\"sha512\":\"00\"}}]", "the statement has no subject[0].digest.sha256")]
    [InlineData("subject", "[{\"name\":\"x\",\"digest\":{\"sha256\":\"00\"}}]", "the statement has a subject[0].digest.sha256 that is not 64 hex digits")]
    [InlineData("subject", "[{\"name\":1,\"digest\":{\"sha256\":\"00\"}}]", "the statement has a subject[0].name that is not a string")]
    [InlineData("predicate", null, "the statement has no predicate object")]
    [InlineData("predicate", "[]", "the statement has no predicate object")]
    public void Top_level_shape_errors_are_named(string field, string? replacement, string reason)
    {
        var statement = ProvenanceSamples.Parse(ProvenanceSamples.Statement());
        statement[field] = replacement is null ? null : JsonNode.Parse(replacement);
        if (replacement is null)
        {
            statement.Remove(field);
        }

        AssertRejected(statement, reason);
    }

    [Theory]
    [InlineData("buildDefinition", null, "the statement has no predicate.buildDefinition object")]
    [InlineData("buildDefinition.buildType", null, "the statement has no predicate.buildDefinition.buildType")]
    [InlineData("buildDefinition.buildType", "\"\"", "the statement has no predicate.buildDefinition.buildType")]
    [InlineData("buildDefinition.externalParameters", null, "the statement has no predicate.buildDefinition.externalParameters object")]
    [InlineData("buildDefinition.internalParameters", "\"x\"", "the statement has a predicate.buildDefinition.internalParameters that is not an object")]
    [InlineData("buildDefinition.resolvedDependencies", "{}", "the statement has a predicate.buildDefinition.resolvedDependencies that is not a list")]
    [InlineData("buildDefinition.resolvedDependencies", "[{\"name\":\"x\"}]", "the statement has a predicate.buildDefinition.resolvedDependencies[0] with none of uri, digest, content")]
    [InlineData("buildDefinition.resolvedDependencies", "[{\"uri\":\"u\",\"digest\":{\"sha256\":1}}]", "the statement has a predicate.buildDefinition.resolvedDependencies[0].digest that is not an object of strings")]
    [InlineData("runDetails", null, "the statement has no predicate.runDetails object")]
    [InlineData("runDetails.builder", null, "the statement has no predicate.runDetails.builder object")]
    [InlineData("runDetails.builder.id", null, "the statement has no predicate.runDetails.builder.id")]
    [InlineData("runDetails.metadata", "1", "the statement has a predicate.runDetails.metadata that is not an object")]
    [InlineData("runDetails.metadata.startedOn", "\"yesterday\"", "the statement has a predicate.runDetails.metadata.startedOn that is not an RFC 3339 time")]
    public void Predicate_shape_errors_are_named(string path, string? replacement, string reason)
    {
        var statement = ProvenanceSamples.Parse(ProvenanceSamples.Statement());
        var parts = path.Split('.');
        var parent = statement["predicate"]!.AsObject();
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        parent.Remove(parts[^1]);
        if (replacement is not null)
        {
            parent[parts[^1]] = JsonNode.Parse(replacement);
        }

        AssertRejected(statement, reason);
    }

    [Theory]
    [InlineData("not json", "the statement is not valid JSON")]
    [InlineData("[]", "the statement is not a JSON object")]
    [InlineData("{\"_type\":\"a\",\"_type\":\"https://in-toto.io/Statement/v1\"}", "the statement is not valid JSON")]
    public void Non_statements_are_rejected(string json, string reason)
    {
        var result = StatementVerifier.VerifyDigest(Encoding.UTF8.GetBytes(json), ProvenanceSamples.HelloDigest);
        Assert.False(result.Valid);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
    }

    private static void AssertRejected(JsonObject statement, string reason)
    {
        var result = StatementVerifier.VerifyDigest(Encoding.UTF8.GetBytes(statement.ToJsonString()), ProvenanceSamples.HelloDigest);
        Assert.False(result.Valid);
        Assert.Equal(reason, result.Reason);
    }
}
