using System.Security.Cryptography;
using Verbatim.Provenance;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Provenance;

public class KeyTests
{
    [Fact]
    public void Exported_keys_load_back_with_the_same_key_id()
    {
        using var dir = new TempDir();
        using var key = SigningKey.Generate();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", key.ExportPrivatePem(), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.ExportPublicPem(), StringComparison.Ordinal);
        using var loaded = SigningKey.LoadPrivatePem(dir.Write("k.key", key.ExportPrivatePem()));
        var pub = VerificationKey.LoadPublicPem(dir.Write("k.pub", key.ExportPublicPem()));
        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.Equal(key.KeyId, pub.KeyId);
        Assert.Matches("^[0-9a-f]{64}$", key.KeyId);
        Assert.True(Dsse.Verify(Dsse.Sign("t", [1, 2, 3], loaded), pub).Valid);
    }

    [Fact]
    public void Key_id_is_the_sha256_of_the_subject_public_key_info_der()
    {
        using var key = SigningKey.Generate();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPublicPem());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), key.KeyId);
    }

    [Fact]
    public void Sec1_ec_private_key_is_accepted()
    {
        using var dir = new TempDir();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.LoadPrivatePem(dir.Write("k.pem", ecdsa.ExportECPrivateKeyPem()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), key.KeyId);
    }

    [Fact]
    public void Other_curves_and_algorithms_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        Assert.Contains("not P-256", Assert.Throws<KeyException>(() => SigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Contains("not P-256", Assert.Throws<KeyException>(() => VerificationKey.FromPem(p384.ExportSubjectPublicKeyInfoPem())).Message, StringComparison.Ordinal);
        Assert.Contains("not an ECDSA P-256", Assert.Throws<KeyException>(() => SigningKey.FromPem(rsa.ExportPkcs8PrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Contains("not an ECDSA P-256", Assert.Throws<KeyException>(() => VerificationKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_kind_of_pem_gets_a_clear_reason()
    {
        using var key = SigningKey.Generate();
        var encrypted = ECDsaEncrypted();
        Assert.Equal("k: a public key; signing needs the private key (.key)", Assert.Throws<KeyException>(() => SigningKey.FromPem(key.ExportPublicPem(), "k")).Message);
        Assert.Equal("k: a private key; verification needs the public key (.pub)", Assert.Throws<KeyException>(() => VerificationKey.FromPem(key.ExportPrivatePem(), "k")).Message);
        Assert.Equal("k: the private key is encrypted; use an unencrypted PKCS#8 key", Assert.Throws<KeyException>(() => SigningKey.FromPem(encrypted, "k")).Message);
        Assert.Equal("k: not a PEM file", Assert.Throws<KeyException>(() => SigningKey.FromPem("hello", "k")).Message);
        Assert.Equal("k: not a PEM file", Assert.Throws<KeyException>(() => VerificationKey.FromPem("", "k")).Message);
        Assert.Equal("k: a PEM 'CERTIFICATE', not a public key", Assert.Throws<KeyException>(() => VerificationKey.FromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "k")).Message);
        Assert.StartsWith("k: not an ECDSA P-256 public key", Assert.Throws<KeyException>(() => VerificationKey.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "k")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_huge_key_file_gets_a_clear_reason()
    {
        using var dir = new TempDir();
        Assert.EndsWith("no such key file", Assert.Throws<KeyException>(() => VerificationKey.LoadPublicPem(dir.File("none.pub"))).Message, StringComparison.Ordinal);
        var huge = dir.Write("huge.pub", new byte[1 << 20]);
        Assert.Contains("too large", Assert.Throws<KeyException>(() => VerificationKey.LoadPublicPem(huge)).Message, StringComparison.Ordinal);
        Assert.EndsWith("a directory, not a key file", Assert.Throws<KeyException>(() => SigningKey.LoadPrivatePem(dir.Path)).Message, StringComparison.Ordinal);
    }

    private static string ECDsaEncrypted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
    }
}
