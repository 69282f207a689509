using System.IO.Compression;
using Verbatim.Archives;
using Verbatim.Archives.Zip;
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
    public static Spool? Check(Stream archive, ZipEntry entry, NormalizeContext context)
    {
        var head = new byte[(int)Math.Min(HeadBytes, entry.Central.UncompressedSize)];
        bool wanted;
        using (var decoded = Open(archive, entry))
        {
            var n = decoded.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            wanted = !entry.Central.IsDirectory && context.WouldNormalize(head.AsSpan(0, n), entry.Name);
            if (!wanted)
            {
                Verify(entry, decoded, Crc32.Compute(head.AsSpan(0, n)), n, context);
                return null;
            }
        }

        Spool spool;
        using (var decoded = Open(archive, entry))
        {
            spool = context.SpoolFrom(decoded, entry.Central.UncompressedSize);
        }

        using (var again = spool.Open())
        {
            Verify(entry, again, 0, 0, context);
        }

        return spool;
    }

    /// <summary>Reads the whole uncompressed contents of a small entry.</summary>
    public static byte[] ReadAll(IContent archive, ZipEntry entry, int limit)
    {
        if (entry.Central.UncompressedSize > limit)
        {
            throw new UnsupportedInputException($"{entry.Name}: {entry.Central.UncompressedSize} bytes is too large to rewrite");
        }

        using var stream = archive.Open();
        using var decoded = Open(stream, entry);
        var bytes = new byte[entry.Central.UncompressedSize];
        decoded.ReadExactly(bytes);
        return bytes;
    }

    private static Stream Open(Stream archive, ZipEntry entry)
    {
        var data = new SubStream(archive, entry.DataStart, entry.Central.CompressedSize, ownsInner: false);
        return entry.Central.Method == 8 ? new DeflateStream(data, CompressionMode.Decompress, leaveOpen: false) : data;
    }

    private static void Verify(ZipEntry entry, Stream decoded, uint crc, long already, NormalizeContext context)
    {
        var buffer = new byte[1 << 16];
        var total = already;
        try
        {
            int n;
            while ((n = decoded.Read(buffer)) > 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                total += n;
                if (total > entry.Central.UncompressedSize)
                {
                    throw new MalformedInputException($"{entry.Name}: the data goes on past its declared size of {entry.Central.UncompressedSize} bytes");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new MalformedInputException($"{entry.Name}: corrupt deflate data: {e.Message}", e);
        }

        if (total != entry.Central.UncompressedSize)
        {
            throw new MalformedInputException($"{entry.Name}: truncated: {total} of {entry.Central.UncompressedSize} bytes");
        }

        if (crc != entry.Central.Crc32)
        {
            throw new MalformedInputException($"{entry.Name}: CRC-32 mismatch: recorded {entry.Central.Crc32:x8}, the data has {crc:x8}");
        }
    }
}
