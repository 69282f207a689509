using Verbatim.Common.Digests;
using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Provenance;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Provenance;

public class AttestCommandTests
{
    [Fact]
    public void Verifies_a_signed_statement_about_the_artifact()
    {
        using var fixture = new Fixture();
        var (code, stdout, stderr) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact, fixture.Envelope);
        Assert.True(code == 0, stderr);
        Assert.Equal(
            $"verified: {fixture.Artifact} (sha256:{Sha256Digest.OfFile(fixture.Artifact).Hex}) is subject 'hello.tar.gz' of {fixture.Envelope}\n" +
            $"  signed by key {fixture.KeyId}\n" +
            $"  built by https://verbatim.dev/builders/local/v1 as {ProvenanceStatement.RecipeBuildType}\n",
            stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_result_goes_to_stdout()
    {
        using var fixture = new Fixture();
        var (code, stdout, _) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact, "--json", "-", fixture.Envelope);
        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.True((bool)json["verified"]!);
        Assert.Equal(fixture.KeyId, (string)json["keyId"]!);
        Assert.Equal("hello.tar.gz", (string)json["subject"]!);
        Assert.Equal(["artifact", "buildType", "builderId", "envelope", "keyId", "sha256", "subject", "verified"], json.AsObject().Select(p => p.Key));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(Verbatim.Common.Json.CanonicalJson.Serialize(json, Verbatim.Common.Json.CanonicalJsonStyle.Indented)), stdout);
    }

    [Fact]
    public void Other_artifact_is_not_verified()
    {
        using var fixture = new Fixture();
        var other = fixture.Dir.Write("other.tar.gz", "other");
        var json = fixture.Dir.File("result.json");
        var (code, stdout, stderr) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", other, "--json", json, fixture.Envelope);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"verbatim attest verify: not verified: the artifact's sha256 {Sha256Digest.OfFile(other).Hex} is not a subject", stderr, StringComparison.Ordinal);
        var result = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.False((bool)result["verified"]!);
        Assert.StartsWith("the artifact's sha256", (string)result["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_key_is_not_verified()
    {
        using var fixture = new Fixture();
        using var other = SigningKey.Generate();
        var pub = fixture.Dir.Write("other.pub", other.ExportPublicPem());
        var (code, _, stderr) = ProvenanceCli.Run("attest", "verify", "--key", pub, "--artifact", fixture.Artifact, fixture.Envelope);
        Assert.Equal(1, code);
        Assert.StartsWith("verbatim attest verify: not verified: no signature by key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_envelope_is_not_verified()
    {
        using var fixture = new Fixture();
        var envelope = JsonNode.Parse(File.ReadAllBytes(fixture.Envelope))!;
        var statement = Convert.FromBase64String((string)envelope["payload"]!);
        var text = Encoding.UTF8.GetString(statement).Replace("inv-1", "inv-2", StringComparison.Ordinal);
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        File.WriteAllText(fixture.Envelope, envelope.ToJsonString());
        var (code, _, stderr) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact, fixture.Envelope);
        Assert.Equal(1, code);
        Assert.Contains("not verified: the signature does not verify", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_statement_of_the_wrong_shape_is_not_verified()
    {
        using var fixture = new Fixture();
        var statement = ProvenanceSamples.Parse(ProvenanceSamples.StatementFor(fixture.Artifact));
        statement["predicateType"] = "https://slsa.dev/provenance/v0.2";
        File.WriteAllBytes(fixture.Envelope, Dsse.Sign(Dsse.InTotoPayloadType, Encoding.UTF8.GetBytes(statement.ToJsonString()), fixture.Key));
        var (code, _, stderr) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact, fixture.Envelope);
        Assert.Equal(1, code);
        Assert.Contains("not verified: the statement has predicateType 'https://slsa.dev/provenance/v0.2'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_envelope_is_not_verified()
    {
        using var fixture = new Fixture();
        File.WriteAllText(fixture.Envelope, "garbage");
        var (code, _, stderr) = ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact, fixture.Envelope);
        Assert.Equal(1, code);
        Assert.Contains("not verified: the envelope is not valid JSON", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key", "no such key file")]
    [InlineData("artifact", "Could not find file")]
    [InlineData("envelope", "no such envelope file")]
    [InlineData("private", "a private key; verification needs the public key (.pub)")]
    public void Unreadable_inputs_are_input_errors(string which, string message)
    {
        using var fixture = new Fixture();
        var missing = fixture.Dir.File("missing");
        var key = which switch { "key" => missing, "private" => fixture.Dir.Write("signer.key", fixture.Key.ExportPrivatePem()), _ => fixture.Pub };
        var artifact = which == "artifact" ? missing : fixture.Artifact;
        var envelope = which == "envelope" ? missing : fixture.Envelope;
        var (code, _, stderr) = ProvenanceCli.Run("attest", "verify", "--key", key, "--artifact", artifact, envelope);
        Assert.Equal(2, code);
        Assert.StartsWith("verbatim attest verify: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_options_are_usage_errors()
    {
        using var fixture = new Fixture();
        Assert.Equal(2, ProvenanceCli.Run("attest", "verify", "--artifact", fixture.Artifact, fixture.Envelope).Code);
        Assert.Equal(2, ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, fixture.Envelope).Code);
        Assert.Equal(2, ProvenanceCli.Run("attest", "verify", "--key", fixture.Pub, "--artifact", fixture.Artifact).Code);
    }

    [Fact]
    public void Key_made_by_key_generate_verifies_what_it_signed()
    {
        using var dir = new TempDir();
        var prefix = dir.File("signer");
        Assert.Equal(0, ProvenanceCli.Run("key", "generate", "--out", prefix).Code);
        var artifact = dir.Write("hello.tar.gz", "hello");
        using var key = SigningKey.LoadPrivatePem(prefix + ".key");
        var envelope = dir.Write("provenance.dsse.json", Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.StatementFor(artifact), key));
        Assert.Equal(0, ProvenanceCli.Run("attest", "verify", "--key", prefix + ".pub", "--artifact", artifact, envelope).Code);
    }

    /// <summary>A key pair, an artifact, and an envelope signing a statement about it.</summary>
    private sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Pub = Dir.Write("signer.pub", Key.ExportPublicPem());
            Artifact = Dir.Write("hello.tar.gz", "the artifact");
            Envelope = Dir.Write("provenance.dsse.json", Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.StatementFor(Artifact), Key));
        }

        public TempDir Dir { get; } = new();

        public SigningKey Key { get; } = SigningKey.Generate();

        public string KeyId => Key.KeyId;

        public string Pub { get; }

        public string Artifact { get; }

        public string Envelope { get; }

        public void Dispose()
        {
            Key.Dispose();
            Dir.Dispose();
        }
    }
}
