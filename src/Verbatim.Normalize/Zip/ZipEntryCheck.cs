using System.IO.Compression;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Decompresses an entry to check its size and CRC-32 (a corrupt or truncated entry leaves the archive untouched),
/// and tells whether a handler recognises its contents, in which case they are spooled for normalization.
/// </summary>
internal static class ZipEntryCheck
{
    public const int HeadBytes = 8192;

    /// <summary>Checks the entry; returns its spooled contents when a handler wants them, else null.</summary>
    public static Spool? Check(Stream archive, ZipSourceEntry entry, NormalizeContext context)
    {
        var head = new byte[(int)Math.Min(HeadBytes, entry.UncompressedSize)];
        bool wanted;
        using (var decoded = Open(archive, entry))
        {
            var n = decoded.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            wanted = !entry.IsDirectory && context.WouldNormalize(head.AsSpan(0, n), entry.DisplayName);
            if (!wanted)
            {
                var crc = new IO.Crc32();
                crc.Append(head.AsSpan(0, n));
                Verify(entry, decoded, crc, n, context);
                return null;
            }
        }

        Spool spool;
        using (var decoded = Open(archive, entry))
        {
            spool = context.SpoolFrom(decoded, entry.UncompressedSize);
        }

        using (var again = spool.Open())
        {
            Verify(entry, again, new IO.Crc32(), 0, context);
        }

        return spool;
    }

    /// <summary>Reads the whole uncompressed contents of a small entry.</summary>
    public static byte[] ReadAll(IContent archive, ZipSourceEntry entry, int limit)
    {
        if (entry.UncompressedSize > limit)
        {
            throw new UnsupportedInputException($"{entry.DisplayName}: {entry.UncompressedSize} bytes is too large to rewrite");
        }

        using var stream = archive.Open();
        using var decoded = Open(stream, entry);
        var bytes = new byte[entry.UncompressedSize];
        decoded.ReadExactly(bytes);
        return bytes;
    }

    private static Stream Open(Stream archive, ZipSourceEntry entry)
    {
        var data = new SubStream(archive, entry.DataStart, entry.CompressedSize, ownsInner: false);
        return entry.Method == 8 ? new DeflateStream(data, CompressionMode.Decompress, leaveOpen: false) : data;
    }

    private static void Verify(ZipSourceEntry entry, Stream decoded, IO.Crc32 crc, long already, NormalizeContext context)
    {
        var buffer = new byte[1 << 16];
        var total = already;
        try
        {
            int n;
            while ((n = decoded.Read(buffer)) > 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                crc.Append(buffer.AsSpan(0, n));
                total += n;
                if (total > entry.UncompressedSize)
                {
                    throw new MalformedInputException($"{entry.DisplayName}: the data goes on past its declared size of {entry.UncompressedSize} bytes");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new MalformedInputException($"{entry.DisplayName}: corrupt deflate data: {e.Message}", e);
        }

        if (total != entry.UncompressedSize)
        {
            throw new MalformedInputException($"{entry.DisplayName}: truncated: {total} of {entry.UncompressedSize} bytes");
        }

        if (crc.Value != entry.Crc32)
        {
            throw new MalformedInputException($"{entry.DisplayName}: CRC-32 mismatch: recorded {entry.Crc32:x8}, the data has {crc.Value:x8}");
        }
    }
}
