using System.Buffers.Binary;
using Verbatim.Core.Compression;
using Verbatim.Archives;
using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Decompresses an entry to check its size and CRC-32 (a corrupt or truncated entry leaves the archive untouched),
/// and tells whether a handler recognises its contents, in which case they are spooled for normalization. Deflate
/// data is decoded by zlib behind a gzip wrapper made of the central directory's CRC-32 and size, so a stream that
/// stops before its final block (a missing last byte), or goes on after it, is refused too, and the data is stopped
/// once it expands past the compression ratio limit.
/// </summary>
internal static class ZipEntryCheck
{
    public const int HeadBytes = 8192;

    /// <summary>A gzip header with no optional fields, put in front of an entry's raw deflate data.</summary>
    private static readonly byte[] GzipWrapper = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

    /// <summary>Checks the entry; returns its spooled contents when a handler wants them, else null.</summary>
    public static Spool? Check(Stream archive, ZipEntry entry, NormalizeContext context)
    {
        var head = new byte[(int)Math.Min(HeadBytes, entry.Central.UncompressedSize)];
        bool wanted;
        using (var decoded = Open(archive, entry, context))
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
        using (var decoded = Open(archive, entry, context))
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

    private static Stream Open(Stream archive, ZipEntry entry, NormalizeContext? context = null)
    {
        var data = new SubStream(archive, entry.DataStart, entry.Central.CompressedSize, ownsInner: false);
        if (entry.Central.Method != 8)
        {
            return data;
        }

        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, entry.Central.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)entry.Central.UncompressedSize);
        var decoder = new GzipDecoderStream(new ConcatenatedStream(new MemoryStream(GzipWrapper), data, new MemoryStream(trailer)));
        var decoded = new DeflateEntryStream(decoder, entry);
        return context is null ? decoded : context.RatioGuarded(decoded, () => decoder.CompressedBytesConsumed, entry.Name);
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
                    throw new MalformedInputException(entry.Central.Method == 8
                        ? $"{entry.Name}: the deflate stream does not end where the entry does (cut short, or more than the {entry.Central.UncompressedSize} bytes declared)"
                        : $"{entry.Name}: the data goes on past its declared size of {entry.Central.UncompressedSize} bytes");
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
