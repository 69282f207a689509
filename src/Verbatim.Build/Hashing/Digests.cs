using System.Security.Cryptography;

namespace Verbatim.Build.Hashing;

/// <summary>SHA-256 digests as lowercase hex, parsed from <c>HEX</c> or <c>sha256:HEX</c>.</summary>
public static class Digests
{
    /// <summary>The lowercase hex digest, or null when the text is not 64 hex digits (with or without a <c>sha256:</c> prefix).</summary>
    public static string? Parse(string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text[7..] : text;
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex.ToLowerInvariant() : null;
    }

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest of a file, or of a directory in <see cref="TreeHasher"/>'s canonical form.</summary>
    public static string OfPath(string path) =>
        System.IO.Directory.Exists(path) && !new FileInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint)
            ? TreeHasher.Hash(path)
            : OfFile(path);
}
