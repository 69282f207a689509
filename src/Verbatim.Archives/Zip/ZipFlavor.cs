namespace Verbatim.Archives.Zip;

/// <summary>
/// One member of the zip family (jar, apk, nupkg, whl, ODF/EPUB, OOXML, plain zip), defined once for diff and
/// normalize: how it is recognised (its entries first, then its name), how diff describes it, and what a rewrite must
/// keep for its consumers (entries required first or stored, a digest record, randomly named parts).
/// </summary>
public sealed record ZipFlavor
{
    /// <summary>The stable name used by diff's reports and normalize's handler (<c>jar</c>, <c>nupkg</c>, ...).</summary>
    public required string Name { get; init; }

    /// <summary>What diff says it is, one line.</summary>
    public required string Description { get; init; }

    /// <summary>File name endings (lower case, with the dot) that name this flavor when its content does not.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Whether the archive's entries show it is this flavor, whatever its name.</summary>
    public Func<ZipProbe, bool> MatchesContent { get; init; } = _ => false;

    /// <summary>
    /// The sort key of an entry name in a canonical archive: entries are written in order of (rank, name bytes), so a
    /// negative rank puts an entry a consumer requires first (<c>mimetype</c>, <c>META-INF/MANIFEST.MF</c>) in front.
    /// </summary>
    public Func<string, int> Rank { get; init; } = _ => 0;

    /// <summary>Entries a consumer requires to be stored, not compressed (ODF's and EPUB's <c>mimetype</c>).</summary>
    public IReadOnlySet<string> StoredEntries { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The name ending of a record listing each entry's digest and size (a wheel's <c>.dist-info/RECORD</c>), or null.</summary>
    public string? DigestRecordSuffix { get; init; }

    /// <summary>The randomly named part and the relationships that name it (a nupkg's <c>.psmdcp</c>), or null.</summary>
    public ZipRandomPart? RandomPart { get; init; }

    /// <summary>True when <paramref name="name"/> is this flavor's digest record (at the archive's second level, as a wheel's).</summary>
    public bool IsDigestRecord(string name) =>
        DigestRecordSuffix is { } suffix && name.EndsWith(suffix, StringComparison.Ordinal) && name.Count(c => c == '/') == 1;
}
