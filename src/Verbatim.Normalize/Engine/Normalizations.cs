namespace Verbatim.Normalize.Engine;

/// <summary>
/// Every normalization, in one place; docs/normalize.md has the same table. Handlers ask
/// <see cref="NormalizeContext.Applies"/> before each one and name it on the <see cref="Change"/> they record.
/// </summary>
public static class Normalizations
{
    public static Normalization ZipEntryOrder { get; } = new("zip-entry-order", "zip", "entries in canonical order: the ones the flavor requires first, then by name bytes");

    public static Normalization ZipEntryTimes { get; } = new("zip-entry-times", "zip", "entry times later than the reference time, or invalid, set to it");

    public static Normalization ZipExtraFields { get; } = new("zip-extra-fields", "zip", "extra fields holding times or owners removed");

    public static Normalization ZipPermissions { get; } = new("zip-permissions", "zip", "version made by Unix 2.0; modes 0644, 0755 for executables and directories, links kept");

    public static Normalization ZipFlags { get; } = new("zip-flags", "zip", "general purpose flags reduced to the UTF-8 bit (no data descriptors)");

    public static Normalization ZipStoredEntries { get; } = new("zip-stored-entries", "zip", "entries the flavor requires stored (ODF/EPUB mimetype) written uncompressed");

    public static Normalization NupkgPsmdcpName { get; } = new("nupkg-psmdcp-name", "nupkg", "the random core-properties .psmdcp part named after its contents' SHA-256");

    public static Normalization NupkgRelsIds { get; } = new("nupkg-rels-ids", "nupkg", "random relationship ids in _rels/.rels derived from type and target");

    public static Normalization WheelRecord { get; } = new("wheel-record", "whl", "RECORD hashes and sizes of changed entries recomputed, lines sorted by path");

    public static Normalization TarMtimes { get; } = new("tar-mtimes", "tar", "member mtimes later than the reference time clamped to it, fractions dropped");

    public static Normalization TarOwners { get; } = new("tar-owners", "tar", "uid and gid 0, user and group names dropped");

    public static Normalization TarOtherTimes { get; } = new("tar-other-times", "tar", "atime, ctime and creation time (GNU fields, pax records) dropped");

    public static Normalization TarInodeRecords { get; } = new("tar-inode-records", "tar", "pax SCHILY.dev, SCHILY.ino, SCHILY.nlink and SCHILY.fflags records dropped");

    public static Normalization TarOrder { get; } = new("tar-order", "tar", "members in canonical order: by name bytes, a hard link after its target");

    public static Normalization GzipHeader { get; } = new("gzip-header", "gzip", "header mtime 0, OS 3 (Unix); original name, extra field and header CRC dropped");

    public static Normalization GzipRecompress { get; } = new("gzip-recompress", "gzip", "unchanged contents re-compressed with fixed settings (gzips of other levels converge)", ByDefault: false);

    public static Normalization XzRecompress { get; } = new("xz-recompress", "xz", "unchanged contents re-compressed with preset 6 and a CRC-64 check", ByDefault: false);

    public static Normalization ZstdRecompress { get; } = new("zstd-recompress", "zstd", "unchanged contents re-compressed at level 9 with a checksum", ByDefault: false);

    public static Normalization Bzip2Recompress { get; } = new("bzip2-recompress", "bzip2", "unchanged contents re-compressed with 900 kB blocks", ByDefault: false);

    public static Normalization ArMtimes { get; } = new("ar-mtimes", "ar", "member mtimes later than the reference time clamped to it");

    public static Normalization ArOwners { get; } = new("ar-owners", "ar", "member uid and gid 0");

    public static Normalization ArModes { get; } = new("ar-modes", "ar", "member modes 100644");

    public static Normalization PngTimeChunks { get; } = new("png-time-chunks", "png", "tIME chunks removed");

    public static Normalization PngDateText { get; } = new("png-date-text", "png", "text chunks whose keyword names a date removed");

    public static Normalization MoDates { get; } = new("mo-dates", "mo", "POT-Creation-Date and PO-Revision-Date later than the reference time clamped to it");

    public static Normalization CanonicalEncoding { get; } = new("canonical-encoding", "all", "written anew by the canonical writer (headers, padding, compression) when nothing else is reported");

    /// <summary>Every normalization, grouped by format.</summary>
    public static IReadOnlyList<Normalization> All { get; } =
    [
        ZipEntryOrder, ZipEntryTimes, ZipExtraFields, ZipPermissions, ZipFlags, ZipStoredEntries,
        NupkgPsmdcpName, NupkgRelsIds, WheelRecord,
        TarMtimes, TarOwners, TarOtherTimes, TarInodeRecords, TarOrder,
        GzipHeader, GzipRecompress, XzRecompress, ZstdRecompress, Bzip2Recompress,
        ArMtimes, ArOwners, ArModes,
        PngTimeChunks, PngDateText,
        MoDates,
        CanonicalEncoding,
    ];

    /// <summary>The ids applied when no selection is given.</summary>
    public static IReadOnlySet<string> Defaults { get; } = All.Where(n => n.ByDefault).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The normalization with id <paramref name="id"/>, or null.</summary>
    public static Normalization? Find(string id) => All.FirstOrDefault(n => n.Id == id);
}
