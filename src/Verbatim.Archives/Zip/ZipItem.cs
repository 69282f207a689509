using Verbatim.Core.IO;

namespace Verbatim.Archives.Zip;

/// <summary>One entry to write to a normalized zip: its raw name, fields, and compressed data as stored.</summary>
public sealed record ZipItem
{
    public required byte[] Name { get; init; }

    /// <summary>0 stored or 8 deflate.</summary>
    public required ushort Method { get; init; }

    /// <summary>General purpose flags: only bit 11 (UTF-8 names) is kept.</summary>
    public required ushort Flags { get; init; }

    public required uint Crc32 { get; init; }

    public required long UncompressedSize { get; init; }

    /// <summary>The compressed bytes, written as they are.</summary>
    public required IContent Data { get; init; }

    public required ushort DosTime { get; init; }

    public required ushort DosDate { get; init; }

    public required ushort VersionMadeBy { get; init; }

    public required uint ExternalAttributes { get; init; }

    public required ushort InternalAttributes { get; init; }

    public required byte[] LocalExtra { get; init; }

    public required byte[] CentralExtra { get; init; }

    public required byte[] Comment { get; init; }
}
