namespace Verbatim.Archives.Zip;

/// <summary>One entry of a zip's central directory, as recorded (sizes and offset already widened by the zip64 extra).</summary>
public sealed record ZipCentralEntry
{
    /// <summary>The entry's position in the central directory, from 0.</summary>
    public required int Index { get; init; }

    public required ushort VersionMadeBy { get; init; }

    public required ushort VersionNeeded { get; init; }

    public required ushort Flags { get; init; }

    public required ushort Method { get; init; }

    public required ushort DosTime { get; init; }

    public required ushort DosDate { get; init; }

    public required uint Crc32 { get; init; }

    public required long CompressedSize { get; init; }

    public required long UncompressedSize { get; init; }

    /// <summary>The local header's offset as recorded (add <see cref="ZipDirectory.Bias"/> for its place in the file).</summary>
    public required long LocalHeaderOffset { get; init; }

    public required ushort InternalAttributes { get; init; }

    public required uint ExternalAttributes { get; init; }

    public required byte[] RawName { get; init; }

    public required byte[] Extra { get; init; }

    public required byte[] RawComment { get; init; }

    /// <summary>The safe display name (see <see cref="ZipText.Name"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Whether the name was decoded as code page 437 (no UTF-8 flag, not valid UTF-8).</summary>
    public required bool Cp437 { get; init; }

    public bool IsEncrypted => (Flags & 1) != 0 || Method == 99;

    public bool IsDirectory => RawName.Length > 0 && RawName[^1] == (byte)'/';

    /// <summary>The host system that wrote the entry (high byte of "version made by").</summary>
    public int Host => VersionMadeBy >> 8;
}
