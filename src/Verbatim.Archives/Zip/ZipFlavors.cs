namespace Verbatim.Archives.Zip;

/// <summary>
/// The one ordered list of zip flavors, most specific first, read by diff's zip formats and normalize's zip handlers
/// alike. An input is the first flavor whose content matches, else the first named by its extension, else plain zip.
/// Adding a flavor is one definition here (see docs/adding-a-format.md).
/// </summary>
public static class ZipFlavors
{
    public static ZipFlavor Nupkg { get; } = new()
    {
        Name = "nupkg",
        Description = "NuGet package: [Content_Types].xml and a .nuspec at the root",
        Extensions = [".nupkg", ".snupkg"],
        MatchesContent = p => p.Names.Contains("[Content_Types].xml") && p.Names.Any(n => n.EndsWith(".nuspec", StringComparison.Ordinal) && !n.Contains('/')),
        RandomPart = new ZipRandomPart("package/services/metadata/core-properties/", ".psmdcp", "_rels/.rels"),
    };

    public static ZipFlavor Apk { get; } = new()
    {
        Name = "apk",
        Description = "Android package: AndroidManifest.xml and classes.dex",
        Extensions = [".apk"],
        MatchesContent = p => p.Names.Contains("AndroidManifest.xml") && p.Names.Contains("classes.dex"),
        Rank = JarRank,
    };

    public static ZipFlavor Wheel { get; } = new()
    {
        Name = "whl",
        Description = "Python wheel: a *.dist-info/WHEEL at its second level",
        Extensions = [".whl"],
        MatchesContent = p => p.Names.Any(n => n.EndsWith(".dist-info/WHEEL", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - 6),
        Rank = WheelRank,
        DigestRecordSuffix = ".dist-info/RECORD",
    };

    public static ZipFlavor Jar { get; } = new()
    {
        Name = "jar",
        Description = "Java archive (jar, war, ear, aar): META-INF/MANIFEST.MF among its first entries",
        Extensions = [".jar", ".war", ".ear", ".aar"],
        MatchesContent = p => p.LeadingEntries.Take(3).Any(e => e.Name is "META-INF/MANIFEST.MF" or "META-INF/"),
        Rank = JarRank,
    };

    public static ZipFlavor Odf { get; } = new()
    {
        Name = "odf",
        Description = "OpenDocument file or EPUB book: a stored mimetype as the first entry",
        Extensions = [".odt", ".ods", ".odp", ".odg", ".odf", ".ott", ".ots", ".epub"],
        MatchesContent = p => p.LeadingEntries.Count > 0 && p.LeadingEntries[0] is ("mimetype", 0),
        Rank = name => name == "mimetype" ? -1 : 0,
        StoredEntries = new HashSet<string>(StringComparer.Ordinal) { "mimetype" },
    };

    public static ZipFlavor Ooxml { get; } = new()
    {
        Name = "ooxml",
        Description = "Office Open XML document (docx, xlsx, pptx...): [Content_Types].xml and an Office part",
        Extensions = [".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm", ".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".vsdx"],
        MatchesContent = p => p.Names.Contains("[Content_Types].xml") &&
            p.Names.Any(n => n.StartsWith("word/", StringComparison.Ordinal) || n.StartsWith("xl/", StringComparison.Ordinal) || n.StartsWith("ppt/", StringComparison.Ordinal)),
    };

    /// <summary>Any zip no more specific flavor claims.</summary>
    public static ZipFlavor Zip { get; } = new() { Name = "zip", Description = "zip archive" };

    /// <summary>The specific flavors, most specific first (an apk is also a jar; a nupkg also has [Content_Types].xml).</summary>
    public static IReadOnlyList<ZipFlavor> Specific { get; } = [Nupkg, Apk, Wheel, Jar, Odf, Ooxml];

    /// <summary>Every flavor, specific ones first and plain zip last.</summary>
    public static IReadOnlyList<ZipFlavor> All { get; } = [.. Specific, Zip];

    /// <summary>The flavor of a zip: content first, then the name's extension, else plain zip.</summary>
    public static ZipFlavor Classify(ZipProbe probe) =>
        Specific.FirstOrDefault(f => f.MatchesContent(probe))
        ?? Specific.FirstOrDefault(f => f.Extensions.Contains(probe.Extension))
        ?? Zip;

    /// <summary>Java archives: <c>META-INF/</c> and <c>META-INF/MANIFEST.MF</c> first, then the rest of META-INF (signatures), then the others.</summary>
    private static int JarRank(string name) => name switch
    {
        "META-INF/" => -3,
        "META-INF/MANIFEST.MF" => -2,
        _ when name.StartsWith("META-INF/", StringComparison.Ordinal) => -1,
        _ => 0,
    };

    /// <summary>Wheels: the <c>.dist-info</c> entries last (as the wheel spec advises), with <c>RECORD</c> the very last.</summary>
    private static int WheelRank(string name)
    {
        var top = name.Split('/')[0];
        if (!top.EndsWith(".dist-info", StringComparison.Ordinal))
        {
            return 0;
        }

        return name == top + "/RECORD" ? 2 : 1;
    }
}
