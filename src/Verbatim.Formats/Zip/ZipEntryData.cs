using System.Globalization;
using System.IO.Compression;
using Verbatim.Archives.Zip;
using Verbatim.Archives;
using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Zip;

/// <summary>
/// Reads one entry's data: stored data as a window of the archive (small ones copied), deflate and the other
/// supported methods decompressed into a spool. It refuses encrypted data and bomb-like compression ratios,
/// stops at the declared size, and checks the CRC-32; every refusal is a reason, not an exception.
/// </summary>
internal static class ZipEntryData
{
    /// <summary>Entries expanding to more than this are checked against <see cref="DiffOptions.MaxCompressionRatio"/>.</summary>
    public const long RatioCheckedAbove = 1 << 20;

    /// <summary>Stored entries up to this size are copied while their CRC is checked, rather than re-read later.</summary>
    private const long CopiedStoredBytes = 64 * 1024;

    public static (IContent? Content, string? Unreadable) Read(ZipCentralEntry entry, long dataStart, Stream archive, IContent archiveContent, ComparisonContext context)
    {
        if (entry.IsEncrypted)
        {
            return (null, entry.Method == 99 ? "encrypted (AES)" : "encrypted");
        }

        if (RatioProblem(entry, context.Options.MaxCompressionRatio) is { } ratio)
        {
            return (null, ratio);
        }

        switch (entry.Method)
        {
            case 0 when entry.CompressedSize != entry.UncompressedSize:
                return (null, $"stored entry's sizes disagree: {entry.CompressedSize} stored, {entry.UncompressedSize} declared");
            case 0 when entry.CompressedSize > CopiedStoredBytes:
                return CheckStored(entry, dataStart, archive, archiveContent, context);
            case 0:
                return Decode(entry, dataStart, archive, context, s => s);
            case 8:
                return Decode(entry, dataStart, archive, context, s => new DeflateStream(s, CompressionMode.Decompress, leaveOpen: false));
            case 12 or 93 or 95:
                var format = entry.Method switch { 12 => "bzip2", 93 => "zstd", _ => "xz" };
                return Decode(entry, dataStart, archive, context, s => Decompressors.Open(format, s));
            default:
                return (null, $"compression method {entry.Method} ({ZipDescriptions.MethodName(entry.Method)}) not supported");
        }
    }

    private static string? RatioProblem(ZipCentralEntry entry, double maxRatio)
    {
        if (entry.UncompressedSize <= RatioCheckedAbove)
        {
            return null;
        }

        var ratio = entry.CompressedSize == 0 ? double.PositiveInfinity : (double)entry.UncompressedSize / entry.CompressedSize;
        return ratio > maxRatio
            ? $"not expanded: {entry.UncompressedSize} bytes declared from {entry.CompressedSize} compressed bytes passes the compression ratio limit of {maxRatio.ToString(CultureInfo.InvariantCulture)} (a zip bomb?)"
            : null;
    }

    private static (IContent?, string?) CheckStored(ZipCentralEntry entry, long dataStart, Stream archive, IContent archiveContent, ComparisonContext context)
    {
        var buffer = new byte[1 << 16];
        archive.Position = dataStart;
        var crc = 0u;
        for (var remaining = entry.CompressedSize; remaining > 0;)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var n = archive.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (n == 0)
            {
                return (null, "truncated stored data");
            }

            crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            remaining -= n;
        }

        return crc == entry.Crc32 ? (new SliceContent(archiveContent, dataStart, entry.CompressedSize), null) : (null, CrcMismatch(entry, crc));
    }

    private static (IContent?, string?) Decode(ZipCentralEntry entry, long dataStart, Stream archive, ComparisonContext context, Func<Stream, Stream> open)
    {
        var method = ZipDescriptions.MethodName(entry.Method);
        Stream decoded;
        try
        {
            decoded = open(new SubStream(archive, dataStart, entry.CompressedSize, ownsInner: false));
        }
        catch (NotSupportedException e)
        {
            return (null, $"compression method {entry.Method} ({method}) not supported: {e.Message}");
        }

        using var checkedStream = new CheckedStream(decoded);
        Spool? spool = null;
        try
        {
            spool = context.SpoolFrom(checkedStream, entry.UncompressedSize);
            if (checkedStream.HasMore())
            {
                spool.Dispose();
                return (null, $"not expanded: the data goes on past its declared size of {entry.UncompressedSize} bytes (a zip bomb?)");
            }
        }
        catch (Exception e) when (e is MalformedInputException or InvalidDataException or IOException or LimitExceededException or NotSupportedException)
        {
            spool?.Dispose();
            return (null, e is LimitExceededException ? e.Message : $"corrupt {method} data: {e.Message}");
        }

        if (checkedStream.Crc != entry.Crc32)
        {
            spool.Dispose();
            return (null, CrcMismatch(entry, checkedStream.Crc));
        }

        return (spool, null);
    }

    private static string CrcMismatch(ZipCentralEntry entry, uint actual) =>
        $"CRC-32 mismatch: the central directory records {entry.Crc32:x8}, the data has {actual:x8}";
}
