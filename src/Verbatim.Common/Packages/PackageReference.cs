namespace Verbatim.Common.Packages;

/// <summary>
/// One published artifact of a package, the unit a rebuild is asked about: the ecosystem (<c>debian</c>, <c>nuget</c>,
/// <c>pypi</c>, <c>npm</c>…), the package's name and version there, and the artifact's file name (a package version may
/// publish several, e.g. one wheel per platform). Written as <c>ECOSYSTEM/NAME@VERSION/FILE</c>.
/// </summary>
public sealed record PackageReference
{
    public PackageReference(string ecosystem, string name, string version, string artifactFileName)
    {
        Ecosystem = Require(ecosystem, nameof(ecosystem), allowSlash: false, allowAt: true);
        if (Ecosystem.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException($"ecosystem '{ecosystem}' may hold only lowercase letters, digits and '-'", nameof(ecosystem));
        }

        Name = Require(name, nameof(name), allowSlash: true, allowAt: true);
        Version = Require(version, nameof(version), allowSlash: false, allowAt: false);
        ArtifactFileName = Require(artifactFileName, nameof(artifactFileName), allowSlash: false, allowAt: true);
        if (ArtifactFileName is "." or "..")
        {
            throw new ArgumentException("the artifact file name may not be '.' or '..'", nameof(artifactFileName));
        }
    }

    public string Ecosystem { get; }

    /// <summary>The package's name in its ecosystem (npm scopes keep their slash: <c>@scope/name</c>).</summary>
    public string Name { get; }

    public string Version { get; }

    /// <summary>The artifact's file name, without any directory.</summary>
    public string ArtifactFileName { get; }

    /// <summary>Parses <c>ECOSYSTEM/NAME@VERSION/FILE</c> (the last '@' separates the version, so scoped npm names work).</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static PackageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var fileSlash = text.LastIndexOf('/');
        var at = fileSlash > 0 ? text.LastIndexOf('@', fileSlash - 1) : -1;
        if (slash <= 0 || at <= slash + 1 || fileSlash <= at + 1 || fileSlash == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a package reference (ECOSYSTEM/NAME@VERSION/FILE)");
        }

        try
        {
            return new PackageReference(text[..slash], text[(slash + 1)..at], text[(at + 1)..fileSlash], text[(fileSlash + 1)..]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a package reference: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }

    public override string ToString() => $"{Ecosystem}/{Name}@{Version}/{ArtifactFileName}";

    private static string Require(string value, string what, bool allowSlash, bool allowAt)
    {
        if (string.IsNullOrEmpty(value) || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || (!allowSlash && value.Contains('/', StringComparison.Ordinal)) || (!allowAt && value.Contains('@', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"the {what} '{value}' must be non-empty, without spaces or control characters{(allowSlash ? "" : " or '/'")}{(allowAt ? "" : " or '@'")}", what);
        }

        return value;
    }
}
