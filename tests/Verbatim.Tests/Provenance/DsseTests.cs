using System.Security.Cryptography;
using System.Text;
using Verbatim.Provenance;

namespace Verbatim.Tests.Provenance;

public class DsseTests
{
    [Fact]
    public void Pae_matches_the_dsse_spec_example()
    {
        var pae = Dsse.Pae("http://example.com/HelloWorld", "hello world"u8);
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Pae_counts_bytes_not_characters()
    {
        var pae = Dsse.Pae("t/é", "€"u8);
        Assert.Equal("DSSEv1 4 t/é 3 €", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Signed_envelope_verifies_and_returns_the_payload()
    {
        using var key = SigningKey.Generate();
        var statement = ProvenanceSamples.Statement();
        var envelope = Dsse.Sign(Dsse.InTotoPayloadType, statement, key);
        var result = Dsse.Verify(envelope, key.PublicKey(), Dsse.InTotoPayloadType);
        Assert.True(result.Valid, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(statement, result.Payload);
        Assert.Equal(Dsse.InTotoPayloadType, result.PayloadType);
    }

    [Fact]
    public void Envelope_has_the_dsse_fields()
    {
        using var key = SigningKey.Generate();
        var envelope = ProvenanceSamples.Parse(Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        Assert.Equal(["payload", "payloadType", "signatures"], envelope.Select(p => p.Key));
        Assert.Equal(ProvenanceSamples.Statement(), Convert.FromBase64String((string)envelope["payload"]!));
        Assert.Equal(Dsse.InTotoPayloadType, (string)envelope["payloadType"]!);
        var signature = envelope["signatures"]!.AsArray().Single()!.AsObject();
        Assert.Equal(key.KeyId, (string)signature["keyid"]!);
        var der = Convert.FromBase64String((string)signature["sig"]!);
        Assert.Equal(0x30, der[0]);
    }

    [Fact]
    public void Envelope_bytes_differ_only_in_the_randomized_signature()
    {
        using var key = SigningKey.Generate();
        var one = ProvenanceSamples.Parse(Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        var two = ProvenanceSamples.Parse(Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        Assert.Equal((string)one["payload"]!, (string)two["payload"]!);
        one["signatures"] = null;
        two["signatures"] = null;
        Assert.Equal(one.ToJsonString(), two.ToJsonString());
    }

    [Fact]
    public void Tampered_payload_is_rejected()
    {
        using var key = SigningKey.Generate();
        var envelope = ProvenanceSamples.Parse(Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        var tampered = ProvenanceSamples.Statement();
        tampered[^3] ^= 1;
        envelope["payload"] = Convert.ToBase64String(tampered);
        var result = Dsse.Verify(Encoding.UTF8.GetBytes(envelope.ToJsonString()), key.PublicKey());
        Assert.False(result.Valid);
        Assert.Null(result.Payload);
        Assert.StartsWith("the signature does not verify with key " + key.KeyId[..16], result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_key_is_rejected_naming_both_keys()
    {
        using var signer = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var envelope = Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), signer);
        var result = Dsse.Verify(envelope, other.PublicKey());
        Assert.False(result.Valid);
        Assert.Equal($"no signature by key {other.KeyId[..16]}: the envelope is signed by key {signer.KeyId[..16]}", result.Reason);
    }

    [Fact]
    public void Changed_payload_type_breaks_the_signature()
    {
        using var key = SigningKey.Generate();
        var envelope = ProvenanceSamples.Parse(Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        envelope["payloadType"] = "application/json";
        var result = Dsse.Verify(Encoding.UTF8.GetBytes(envelope.ToJsonString()), key.PublicKey());
        Assert.False(result.Valid);
        Assert.Contains("payloadType was changed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validly_signed_other_payload_type_is_rejected_when_in_toto_is_expected()
    {
        using var key = SigningKey.Generate();
        var envelope = Dsse.Sign("application/json", ProvenanceSamples.Statement(), key);
        Assert.True(Dsse.Verify(envelope, key.PublicKey()).Valid);
        var result = Dsse.Verify(envelope, key.PublicKey(), Dsse.InTotoPayloadType);
        Assert.False(result.Valid);
        Assert.Equal("the payloadType is 'application/json', expected 'application/vnd.in-toto+json'", result.Reason);
    }

    [Fact]
    public void Signature_over_the_bare_payload_instead_of_the_pae_is_rejected()
    {
        using var key = SigningKey.Generate();
        var payload = ProvenanceSamples.Statement();
        var envelope = ProvenanceSamples.Envelope(Convert.ToBase64String(payload), Dsse.InTotoPayloadType, key.KeyId, Convert.ToBase64String(key.SignDer(payload)));
        var result = Dsse.Verify(envelope, key.PublicKey());
        Assert.False(result.Valid);
        Assert.Contains("does not verify", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_safe_unpadded_base64_and_a_second_signature_are_accepted()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var payload = ProvenanceSamples.Statement();
        var pae = Dsse.Pae(Dsse.InTotoPayloadType, payload);
        static string UrlSafe(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var json = $$"""
            {"payload":"{{UrlSafe(payload)}}","payloadType":"{{Dsse.InTotoPayloadType}}","signatures":[
              {"keyid":"{{other.KeyId}}","sig":"{{UrlSafe(other.SignDer(pae))}}"},
              {"sig":"{{UrlSafe(key.SignDer(pae))}}"}]}
            """;
        var result = Dsse.Verify(Encoding.UTF8.GetBytes(json), key.PublicKey());
        Assert.True(result.Valid, result.Reason);
        Assert.Equal(payload, result.Payload);
    }

    [Fact]
    public void Raw_p1363_signature_is_not_accepted_as_der()
    {
        using var key = SigningKey.Generate();
        var payload = ProvenanceSamples.Statement();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(string.Concat(key.ExportPrivatePem().Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))), out _);
        var raw = ecdsa.SignData(Dsse.Pae(Dsse.InTotoPayloadType, payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var envelope = ProvenanceSamples.Envelope(Convert.ToBase64String(payload), Dsse.InTotoPayloadType, key.KeyId, Convert.ToBase64String(raw));
        Assert.False(Dsse.Verify(envelope, key.PublicKey()).Valid);
    }

    [Theory]
    [InlineData("", "the envelope is not valid JSON")]
    [InlineData("{\"payload\":", "the envelope is not valid JSON")]
    [InlineData("[1,2]", "the envelope is not a JSON object")]
    [InlineData("{\"payload\":\"eA==\",\"signatures\":[{\"sig\":\"eA==\"}]}", "the envelope has no payloadType string")]
    [InlineData("{\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"eA==\"}]}", "the envelope has no payload string")]
    [InlineData("{\"payload\":\"!!!\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"eA==\"}]}", "the envelope's payload is not base64")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\"}", "the envelope has no signatures")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[]}", "the envelope has no signatures")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":{}}", "the envelope has no signatures")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"k\"}]}", "signature 1 has no sig string")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[\"x\"]}", "signature 1 has no sig string")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"not base64!\"}]}", "signature 1: the sig is not base64")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"payload\":\"eQ==\",\"signatures\":[{\"sig\":\"eA==\"}]}", "the envelope is not valid JSON")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"MAYCAQECAQE=\"}]}", "the signature does not verify")]
    [InlineData("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AAAA\"}]}", "the signature does not verify")]
    public void Malformed_envelope_is_rejected_with_a_reason(string json, string reason)
    {
        using var key = SigningKey.Generate();
        var result = Dsse.Verify(Encoding.UTF8.GetBytes(json), key.PublicKey());
        Assert.False(result.Valid);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Reason!);
    }

    [Fact]
    public void Deeply_nested_envelope_is_rejected_without_throwing()
    {
        using var key = SigningKey.Generate();
        var json = new string('[', 100_000) + new string(']', 100_000);
        var result = Dsse.Verify(Encoding.UTF8.GetBytes(json), key.PublicKey());
        Assert.False(result.Valid);
        Assert.StartsWith("the envelope is not valid JSON", result.Reason, StringComparison.Ordinal);
    }
}
