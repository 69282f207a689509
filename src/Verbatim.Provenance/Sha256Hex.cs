using System.Security.Cryptography;

namespace Verbatim.Provenance;

/// <summary>Lowercase hex SHA-256 digests: computing them, and checking that a string is one.</summary>
public static class Sha256Hex
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The lowercase hex SHA-256 of a file's bytes, read as a stream.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>True when <paramref name="value"/> is 64 hex digits (either case).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
