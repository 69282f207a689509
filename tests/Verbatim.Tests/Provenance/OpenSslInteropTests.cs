using Verbatim.Provenance;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Provenance;

/// <summary>
/// An independent implementation checks our envelopes, and ours checks its: a few lines of Python build the DSSE PAE
/// from the spec (not from our code) and the openssl command line signs and verifies it.
/// </summary>
public class OpenSslInteropTests
{
    /// <summary>Reads an envelope, writes the PAE and the first signature, per the DSSE v1 spec.</summary>
    private const string EnvelopeToPae = """
        import base64, json, sys
        env = json.load(open(sys.argv[1], "rb"))
        body = base64.b64decode(env["payload"])
        ptype = env["payloadType"].encode("utf-8")
        pae = b"DSSEv1 %d %s %d %s" % (len(ptype), ptype, len(body), body)
        open(sys.argv[2], "wb").write(pae)
        open(sys.argv[3], "wb").write(base64.b64decode(env["signatures"][0]["sig"]))
        """;

    /// <summary>Writes the PAE of a payload file for a payload type.</summary>
    private const string PayloadToPae = """
        import sys
        body = open(sys.argv[1], "rb").read()
        ptype = sys.argv[2].encode("utf-8")
        open(sys.argv[3], "wb").write(b"DSSEv1 %d %s %d %s" % (len(ptype), ptype, len(body), body))
        """;

    /// <summary>Wraps a payload and a DER signature into an envelope.</summary>
    private const string WrapEnvelope = """
        import base64, json, sys
        body = open(sys.argv[1], "rb").read()
        sig = open(sys.argv[3], "rb").read()
        env = {"payloadType": sys.argv[2], "payload": base64.b64encode(body).decode(),
               "signatures": [{"keyid": "", "sig": base64.b64encode(sig).decode()}]}
        open(sys.argv[4], "w").write(json.dumps(env, indent=2))
        """;

    [Fact]
    public void Openssl_verifies_our_envelope_over_a_pae_built_from_the_spec()
    {
        using var dir = new TempDir();
        using var key = SigningKey.Generate();
        var pub = dir.Write("key.pub", key.ExportPublicPem());
        var envelope = dir.Write("envelope.json", Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        var script = dir.Write("pae.py", EnvelopeToPae);
        Diff.Exec("python3", $"{script} {envelope} {dir.File("pae.bin")} {dir.File("sig.der")}");

        var output = Diff.Exec("openssl", $"dgst -sha256 -verify {pub} -signature {dir.File("sig.der")} {dir.File("pae.bin")}");
        Assert.Equal("Verified OK", output.Trim());
    }

    [Fact]
    public void Openssl_rejects_our_signature_when_checked_over_the_bare_payload()
    {
        using var dir = new TempDir();
        using var key = SigningKey.Generate();
        var pub = dir.Write("key.pub", key.ExportPublicPem());
        var payload = dir.Write("payload.json", ProvenanceSamples.Statement());
        var envelope = dir.Write("envelope.json", Dsse.Sign(Dsse.InTotoPayloadType, ProvenanceSamples.Statement(), key));
        Diff.Exec("python3", $"{dir.Write("pae.py", EnvelopeToPae)} {envelope} {dir.File("pae.bin")} {dir.File("sig.der")}");

        var e = Assert.Throws<InvalidOperationException>(() => Diff.Exec("openssl", $"dgst -sha256 -verify {pub} -signature {dir.File("sig.der")} {payload}"));
        Assert.Contains("exited 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void We_verify_an_envelope_signed_by_openssl()
    {
        using var dir = new TempDir();
        var privatePem = dir.File("openssl.key");
        var pub = dir.File("openssl.pub");
        Diff.Exec("openssl", $"genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out {privatePem}");
        Diff.Exec("openssl", $"pkey -in {privatePem} -pubout -out {pub}");
        var payload = dir.Write("payload.json", ProvenanceSamples.Statement());
        Diff.Exec("python3", $"{dir.Write("pae.py", PayloadToPae)} {payload} {Dsse.InTotoPayloadType} {dir.File("pae.bin")}");
        Diff.Exec("openssl", $"dgst -sha256 -sign {privatePem} -out {dir.File("sig.der")} {dir.File("pae.bin")}");
        var envelope = dir.File("envelope.json");
        Diff.Exec("python3", $"{dir.Write("wrap.py", WrapEnvelope)} {payload} {Dsse.InTotoPayloadType} {dir.File("sig.der")} {envelope}");

        var key = VerificationKey.LoadPublicPem(pub);
        var result = Dsse.Verify(File.ReadAllBytes(envelope), key, Dsse.InTotoPayloadType);
        Assert.True(result.Valid, result.Reason);
        Assert.Equal(ProvenanceSamples.Statement(), result.Payload);

        using var imported = SigningKey.LoadPrivatePem(privatePem);
        Assert.Equal(key.KeyId, imported.KeyId);
        var keyIdFromOpenssl = Diff.Exec("sh", $"-c \"openssl pkey -pubin -in {pub} -outform DER | sha256sum\"").Split(' ')[0];
        Assert.Equal(keyIdFromOpenssl, key.KeyId);
    }
}
