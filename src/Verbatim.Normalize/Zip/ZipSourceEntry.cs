namespace Verbatim.Normalize.Zip;

/// <summary>One entry of the zip being normalized, as its central directory and local header record it.</summary>
internal sealed record ZipSourceEntry
{
    public required byte[] Name { get; init; }

    public required string DisplayName { get; init; }

    public required ushort Method { get; init; }

    public required ushort Flags { get; init; }

    public required ushort DosTime { get; init; }

    public required ushort DosDate { get; init; }

    public required uint Crc32 { get; init; }

    public required long CompressedSize { get; init; }

    public required long UncompressedSize { get; init; }

    public required ushort VersionMadeBy { get; init; }

    public required uint ExternalAttributes { get; init; }

    public required ushort InternalAttributes { get; init; }

    public required byte[] LocalExtra { get; init; }

    public required byte[] CentralExtra { get; init; }

    public required byte[] Comment { get; init; }

    /// <summary>Where the entry's compressed data starts in the archive.</summary>
    public required long DataStart { get; init; }

    public bool IsEncrypted => (Flags & 1) != 0 || Method == 99;

    public bool IsDirectory => Name.Length > 0 && Name[^1] == (byte)'/';
}
