namespace Verbatim.Formats.Zip;

/// <summary>
/// Decides which member of the zip family an input is: a format named by the input's extension wins, then the first
/// whose content hint matches, else plain zip. The decision is made once per input and cached in its probe.
/// </summary>
public static class ZipFamily
{
    /// <summary>The specific formats, most specific first (plain zip is the default).</summary>
    private static readonly ZipFamilyFormat[] Specific =
    [
        new NupkgFormat(),
        new JarFormat(),
        new WheelFormat(),
        new ApkFormat(),
        new OdfFormat(),
        new OoxmlFormat(),
    ];

    /// <summary>Every format of the family, specific ones first, for <see cref="Engine.FormatRegistry"/>.</summary>
    public static IReadOnlyList<ZipFamilyFormat> Formats { get; } = [.. Specific, new ZipFormat()];

    /// <summary>The family format name of <paramref name="input"/>, or null when it is not a zip.</summary>
    public static string? Classify(Engine.Input input)
    {
        var probe = ZipProbe.Of(input);
        if (!probe.IsZip)
        {
            return null;
        }

        return probe.Kind ??= Decide(probe);
    }

    private static string Decide(ZipProbe probe)
    {
        foreach (var format in Specific)
        {
            if (format.Extensions.Contains(probe.Extension))
            {
                return format.Name;
            }
        }

        foreach (var format in Specific)
        {
            if (format.MatchesContent(probe))
            {
                return format.Name;
            }
        }

        return ZipFormat.FormatName;
    }
}
