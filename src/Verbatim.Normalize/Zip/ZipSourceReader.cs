using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Reads what normalization needs from a zip with the shared reader of Verbatim.Archives (end records, zip64, central
/// directory, local headers, all checked against the file): the entries in order, the comment, and what a rewrite
/// must refuse (a prefix stub, overlapping entries, data after the end record, local headers that disagree with the
/// central directory, an APK signing block).
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

        var entries = ZipEntry.ReadAll(stream, directory, cancellationToken).ToList();
        foreach (var entry in entries)
        {
            if (entry.Local.DisagreementWith(entry.Central) is { } disagreement)
            {
                throw new MalformedInputException($"{entry.Name}: the local header {disagreement}");
            }
        }

        var lastDataEnd = entries.Count == 0 ? 0L : entries.Max(e => e.DataStart + e.Central.CompressedSize);
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
