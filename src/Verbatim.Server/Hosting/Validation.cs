using System.Text.RegularExpressions;

namespace Verbatim.Server.Hosting;

/// <summary>What names the API accepts; each check returns null or the one-line reason.</summary>
public static partial class Validation
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex EcosystemPattern();

    public static string? Name(string what, string? value) =>
        value is not null && NamePattern().IsMatch(value) ? null : $"{what} '{value}' is not 1-100 letters, digits, '.', '_' or '-' (starting with a letter or digit)";

    public static string? Ecosystem(string? value) =>
        value is not null && EcosystemPattern().IsMatch(value) ? null : $"ecosystem '{value}' is not 1-32 lowercase letters, digits or '-'";

    /// <summary>A package name or version: 1-200 printable characters without '/' or spaces.</summary>
    public static string? Token(string what, string? value) =>
        value is { Length: > 0 and <= 200 } && value.All(c => c > ' ' && c < '\u007f' && c != '/') ? null : $"{what} '{value}' is not 1-200 printable characters without '/' or spaces";
}
