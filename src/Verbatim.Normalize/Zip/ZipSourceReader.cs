using Verbatim.Core.IO;
using Verbatim.Formats.Zip;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Reads what normalization needs from a zip with the shared reader of Verbatim.Formats (end records, zip64, central
/// directory, local headers, all checked against the file): the entries in order with their data offsets, the
/// comment, and what a rewrite must refuse (a prefix stub, overlapping entries, data after the end record, an APK
/// signing block).
/// </summary>
internal static class ZipSourceReader
{
    public static ZipSource Read(IContent input, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        var directory = ZipDirectoryReader.Read(stream, stream.Length, cancellationToken);
        if (directory.Overlaps.Count > 0)
        {
            throw new UnsupportedInputException("entries share bytes (overlapping entries)");
        }

        if (directory.TrailerStart != stream.Length)
        {
            throw new UnsupportedInputException($"{stream.Length - directory.TrailerStart} bytes after the end of central directory record");
        }

        var entries = new List<ZipSourceEntry>(directory.Entries.Count);
        var lastDataEnd = directory.Entries.Count == 0 ? 0L : directory.FirstEntryStart;
        foreach (var entry in directory.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = entry.LocalHeaderOffset + directory.Bias;
            var local = ZipLocalHeader.Read(stream, start, entry.CompressedSize, directory.CentralDirectoryStart, out var problem)
                ?? throw new MalformedInputException($"{entry.Name}: {problem}");
            lastDataEnd = Math.Max(lastDataEnd, local.DataStart + entry.CompressedSize);
            entries.Add(new ZipSourceEntry
            {
                Name = entry.RawName,
                DisplayName = entry.Name,
                VersionMadeBy = entry.VersionMadeBy,
                Flags = entry.Flags,
                Method = entry.Method,
                DosTime = entry.DosTime,
                DosDate = entry.DosDate,
                Crc32 = entry.Crc32,
                CompressedSize = entry.CompressedSize,
                UncompressedSize = entry.UncompressedSize,
                InternalAttributes = entry.InternalAttributes,
                ExternalAttributes = entry.ExternalAttributes,
                CentralExtra = entry.Extra,
                Comment = entry.RawComment,
                LocalExtra = local.Extra,
                DataStart = local.DataStart,
            });
        }

        var prefix = directory.Entries.Count > 0 ? directory.FirstEntryStart > 0 : directory.CentralDirectoryStart > 0;
        var signing = directory.CentralDirectoryStart - lastDataEnd >= 32 && HasApkMagic(stream, directory.CentralDirectoryStart);
        return new ZipSource(entries, directory.RawComment, signing, prefix);
    }

    private static bool HasApkMagic(Stream stream, long directoryStart)
    {
        var magic = new byte[16];
        stream.Position = directoryStart - 16;
        return stream.ReadAtLeast(magic, 16, throwOnEndOfStream: false) == 16 && magic.AsSpan().SequenceEqual("APK Sig Block 42"u8);
    }
}
