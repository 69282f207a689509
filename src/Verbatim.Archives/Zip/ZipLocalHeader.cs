using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Archives.Zip;

/// <summary>An entry's local file header, which precedes its data and repeats (or should repeat) the central record.</summary>
public sealed record ZipLocalHeader
{
    public required ushort VersionNeeded { get; init; }

    public required ushort Flags { get; init; }

    public required ushort Method { get; init; }

    public required ushort DosTime { get; init; }

    public required ushort DosDate { get; init; }

    public required uint Crc32 { get; init; }

    public required uint CompressedSize { get; init; }

    public required uint UncompressedSize { get; init; }

    public required byte[] RawName { get; init; }

    public required byte[] Extra { get; init; }

    /// <summary>Where the entry's data starts in the file.</summary>
    public required long DataStart { get; init; }

    /// <summary>
    /// Reads the local header at <paramref name="start"/>; returns null with the reason when it is missing or its
    /// data would run past <paramref name="limit"/> (the start of the central directory).
    /// </summary>
    public static ZipLocalHeader? Read(Stream stream, long start, long compressedSize, long limit, out string? problem)
    {
        var fixedPart = new byte[LocalSize];
        ReadAt(stream, start, fixedPart);
        if (U32(fixedPart, 0) != LocalSignature)
        {
            problem = $"no local header at offset {start}";
            return null;
        }

        int nameLength = U16(fixedPart, 26), extraLength = U16(fixedPart, 28);
        var dataStart = start + LocalSize + nameLength + extraLength;
        if (dataStart + compressedSize > limit)
        {
            problem = $"local header at offset {start}: the data would run past the central directory";
            return null;
        }

        var variable = new byte[nameLength + extraLength];
        stream.ReadExactly(variable);
        problem = null;
        return new ZipLocalHeader
        {
            VersionNeeded = U16(fixedPart, 4),
            Flags = U16(fixedPart, 6),
            Method = U16(fixedPart, 8),
            DosTime = U16(fixedPart, 10),
            DosDate = U16(fixedPart, 12),
            Crc32 = U32(fixedPart, 14),
            CompressedSize = U32(fixedPart, 18),
            UncompressedSize = U32(fixedPart, 22),
            RawName = variable[..nameLength],
            Extra = variable[nameLength..],
            DataStart = dataStart,
        };
    }

    /// <summary>
    /// What this header says differently from the central directory's record of the same entry (name, method, and,
    /// unless a data descriptor follows, CRC-32 and sizes), or null when they agree.
    /// </summary>
    public string? DisagreementWith(ZipCentralEntry entry)
    {
        var differing = new List<string>();
        if (!RawName.AsSpan().SequenceEqual(entry.RawName))
        {
            differing.Add($"name '{EntryNames.Display(RawName)}'");
        }

        if (Method != entry.Method)
        {
            differing.Add($"compression {ZipDescriptions.MethodName(Method)}");
        }

        if ((Flags & 8) == 0 && (entry.Flags & 8) == 0)
        {
            if (Crc32 != entry.Crc32)
            {
                differing.Add($"crc-32 {Crc32:x8}");
            }

            if (CompressedSize != uint.MaxValue && (CompressedSize != entry.CompressedSize || UncompressedSize != entry.UncompressedSize))
            {
                differing.Add($"sizes {CompressedSize}/{UncompressedSize}");
            }
        }

        return differing.Count == 0 ? null : "disagrees with the central directory: " + string.Join(", ", differing);
    }
}
