namespace Verbatim.Archives.Zip;

/// <summary>What the end records and the central directory of a zip say about the whole archive.</summary>
public sealed record ZipDirectory
{
    public required IReadOnlyList<ZipCentralEntry> Entries { get; init; }

    /// <summary>The entry count the end record declares.</summary>
    public required long DeclaredEntries { get; init; }

    public required byte[] RawComment { get; init; }

    public required bool Zip64 { get; init; }

    /// <summary>Where the central directory starts in the file (bias included).</summary>
    public required long CentralDirectoryStart { get; init; }

    public required long CentralDirectorySize { get; init; }

    /// <summary>Where the end records start: the zip64 end record when there is one, else the end record.</summary>
    public required long RecordsStart { get; init; }

    /// <summary>Where the end of central directory record starts.</summary>
    public required long EndRecordStart { get; init; }

    /// <summary>Where the data after the end record (and its comment) starts.</summary>
    public required long TrailerStart { get; init; }

    /// <summary>
    /// Bytes added in front of the archive after its offsets were written (a self-extractor stub prepended with
    /// <c>cat</c>): add it to every recorded offset.
    /// </summary>
    public required long Bias { get; init; }

    /// <summary>Where the first entry's local header starts (the length of the data before it).</summary>
    public required long FirstEntryStart { get; init; }

    /// <summary>For each entry index that shares bytes with another entry: the other entry's name.</summary>
    public required IReadOnlyDictionary<int, string> Overlaps { get; init; }
}
