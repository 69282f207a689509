using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Verbatim.Common.Digests;

/// <summary>
/// A SHA-256 digest: the one digest type of Verbatim. <see cref="Hex"/> is lowercase hex; <see cref="ToString"/> is
/// <c>sha256:HEX</c>. Parsed from <c>HEX</c> or <c>sha256:HEX</c> in either case.
/// </summary>
public readonly record struct Sha256Digest
{
    public const string Prefix = "sha256:";

    private Sha256Digest(string hex) => Hex = hex;

    /// <summary>The 64 lowercase hex digits.</summary>
    public string Hex { get; }

    /// <summary>The digest of <paramref name="data"/>.</summary>
    public static Sha256Digest Of(ReadOnlySpan<byte> data) => new(Convert.ToHexStringLower(SHA256.HashData(data)));

    /// <summary>The digest of everything left in <paramref name="stream"/>.</summary>
    public static Sha256Digest Of(Stream stream) => new(Convert.ToHexStringLower(SHA256.HashData(stream)));

    /// <summary>The digest of a file's bytes, read as a stream.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static Sha256Digest OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Of(stream);
    }

    /// <summary>Wraps a finished hash (32 bytes).</summary>
    public static Sha256Digest FromBytes(ReadOnlySpan<byte> hash) =>
        hash.Length == 32 ? new(Convert.ToHexStringLower(hash)) : throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(hash));

    /// <summary>Parses <c>HEX</c> or <c>sha256:HEX</c>; false when the text is not 64 hex digits.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Sha256Digest digest)
    {
        digest = default;
        if (text is null)
        {
            return false;
        }

        var hex = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        if (!IsHex(hex))
        {
            return false;
        }

        digest = new Sha256Digest(hex.ToLowerInvariant());
        return true;
    }

    /// <summary>Parses <c>HEX</c> or <c>sha256:HEX</c>.</summary>
    /// <exception cref="FormatException">The text is not a SHA-256 digest.</exception>
    public static Sha256Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a SHA-256 digest (64 hex digits, optionally prefixed with sha256:)");

    /// <summary>True when <paramref name="value"/> is exactly 64 hex digits (either case, no prefix).</summary>
    public static bool IsHex([NotNullWhen(true)] string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    /// <summary>True for the default value, which holds no digest.</summary>
    public bool IsEmpty => Hex is null;

    public override string ToString() => Prefix + Hex;
}
