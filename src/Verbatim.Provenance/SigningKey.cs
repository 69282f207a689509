using Verbatim.Common.Digests;
using System.Security.Cryptography;

namespace Verbatim.Provenance;

/// <summary>An ECDSA P-256 private key that signs DSSE envelopes; saved as PKCS#8 PEM.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa key;

    private SigningKey(ECDsa key)
    {
        this.key = key;
        KeyId = Sha256Digest.Of(key.ExportSubjectPublicKeyInfo()).Hex;
    }

    /// <summary>The lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    public string KeyId { get; }

    /// <summary>A fresh random P-256 key.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a P-256 private key from a PEM file (PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="KeyException">The file is unreadable, not an unencrypted P-256 private key.</exception>
    public static SigningKey LoadPrivatePem(string path) => FromPem(KeyPem.ReadFile(path), path);

    /// <summary>Reads a P-256 private key from PEM text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="KeyException">The text is not an unencrypted P-256 private key.</exception>
    public static SigningKey FromPem(string pem, string source = "key")
    {
        var label = KeyPem.FirstLabel(pem);
        switch (label)
        {
            case null:
                throw new KeyException($"{source}: not a PEM file");
            case "ENCRYPTED PRIVATE KEY":
                throw new KeyException($"{source}: the private key is encrypted; use an unencrypted PKCS#8 key");
            case "PUBLIC KEY":
                throw new KeyException($"{source}: a public key; signing needs the private key (.key)");
            case not ("PRIVATE KEY" or "EC PRIVATE KEY"):
                throw new KeyException($"{source}: a PEM '{label}', not a private key");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            KeyPem.RequireP256(key, source);
            return new SigningKey(key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new KeyException($"{source}: not an ECDSA P-256 private key ({e.Message.TrimEnd('.')})", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    public string ExportPrivatePem() => key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>The public key as SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string ExportPublicPem() => key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>The matching public key.</summary>
    public VerificationKey PublicKey() => VerificationKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());

    /// <summary>An ECDSA P-256 SHA-256 signature over <paramref name="data"/>, DER-encoded (what openssl writes and reads).</summary>
    public byte[] SignDer(ReadOnlySpan<byte> data) =>
        key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => key.Dispose();
}
