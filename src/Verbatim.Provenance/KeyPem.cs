using System.Security.Cryptography;

namespace Verbatim.Provenance;

/// <summary>Reads PEM key files and checks that what they hold is an ECDSA P-256 key.</summary>
internal static class KeyPem
{
    /// <summary>The largest key file read; a P-256 PEM is a few hundred bytes.</summary>
    private const long MaxFileBytes = 64 * 1024;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static string ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new KeyException($"{path}: a directory, not a key file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new KeyException($"{path}: no such key file");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new KeyException($"{path}: too large to be a PEM key ({info.Length} bytes)");
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyException($"{path}: cannot read the key file: {e.Message}", e);
        }
    }

    /// <summary>The label of the first PEM block in <paramref name="pem"/>, or null when there is none.</summary>
    public static string? FirstLabel(string pem) =>
        PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;

    public static void RequireP256(ECDsa key, string source)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        var isP256 = curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1");
        if (!isP256)
        {
            throw new KeyException($"{source}: an ECDSA key on curve {curve.Oid.FriendlyName ?? curve.Oid.Value ?? "?"}, not P-256");
        }
    }
}
