using Verbatim.Common.Digests;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Verbatim.Provenance;

/// <summary>An ECDSA P-256 public key that verifies DSSE signatures; read from SubjectPublicKeyInfo PEM.</summary>
public sealed class VerificationKey
{
    private readonly byte[] subjectPublicKeyInfo;

    // Imported keys kept for reuse: importing costs more than a verification, and a server verifies thousands of
    // results a second with the same few keys. One instance per concurrent caller (ECDsa's instance members are not
    // documented as thread-safe).
    private readonly ConcurrentBag<ECDsa> imported = [];

    private VerificationKey(byte[] subjectPublicKeyInfo)
    {
        this.subjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = Sha256Digest.Of(subjectPublicKeyInfo).Hex;
    }

    /// <summary>The lowercase hex SHA-256 of the SubjectPublicKeyInfo DER.</summary>
    public string KeyId { get; }

    /// <summary>Reads a P-256 public key from a PEM file (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    /// <exception cref="KeyException">The file is unreadable or not a P-256 public key.</exception>
    public static VerificationKey LoadPublicPem(string path) => FromPem(KeyPem.ReadFile(path), path);

    /// <summary>Reads a P-256 public key from PEM text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="KeyException">The text is not a P-256 public key.</exception>
    public static VerificationKey FromPem(string pem, string source = "key")
    {
        var label = KeyPem.FirstLabel(pem);
        switch (label)
        {
            case null:
                throw new KeyException($"{source}: not a PEM file");
            case "PRIVATE KEY" or "EC PRIVATE KEY" or "ENCRYPTED PRIVATE KEY":
                throw new KeyException($"{source}: a private key; verification needs the public key (.pub)");
            case not "PUBLIC KEY":
                throw new KeyException($"{source}: a PEM '{label}', not a public key");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KeyException($"{source}: not an ECDSA P-256 public key ({e.Message.TrimEnd('.')})", e);
        }

        KeyPem.RequireP256(key, source);
        return new VerificationKey(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>A key from SubjectPublicKeyInfo DER bytes.</summary>
    /// <exception cref="KeyException">The bytes are not a P-256 public key.</exception>
    public static VerificationKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException e)
        {
            throw new KeyException($"not an ECDSA P-256 public key ({e.Message.TrimEnd('.')})", e);
        }

        KeyPem.RequireP256(key, "key");
        return new VerificationKey(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM.</summary>
    public string ExportPublicPem() => PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo) + "\n";

    /// <summary>True when <paramref name="derSignature"/> is a valid DER ECDSA P-256 SHA-256 signature over <paramref name="data"/>.</summary>
    public bool VerifyDer(ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        if (!imported.TryTake(out var key))
        {
            key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        }

        try
        {
            return key.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            imported.Add(key);
        }
    }
}
