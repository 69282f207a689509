using Verbatim.Core.IO;
using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Archives.Zip;

/// <summary>Turns the fixed part of a central directory header and its variable fields into a <see cref="ZipCentralEntry"/>.</summary>
internal static class ZipCentralEntryParser
{
    private const ushort Zip64ExtraId = 0x0001;

    public static ZipCentralEntry Parse(int index, ReadOnlySpan<byte> header, byte[] name, byte[] extra, byte[] comment)
    {
        var flags = U16(header, 8);
        long compressed = U32(header, 20);
        long uncompressed = U32(header, 24);
        long offset = U32(header, 42);
        var display = ZipText.Name(name, (flags & 0x800) != 0, out var cp437);
        if (compressed == uint.MaxValue || uncompressed == uint.MaxValue || offset == uint.MaxValue)
        {
            (uncompressed, compressed, offset) = Widen(display, extra, uncompressed, compressed, offset);
        }

        return new ZipCentralEntry
        {
            Index = index,
            VersionMadeBy = U16(header, 4),
            VersionNeeded = U16(header, 6),
            Flags = flags,
            Method = U16(header, 10),
            DosTime = U16(header, 12),
            DosDate = U16(header, 14),
            Crc32 = U32(header, 16),
            CompressedSize = compressed,
            UncompressedSize = uncompressed,
            LocalHeaderOffset = offset,
            InternalAttributes = U16(header, 36),
            ExternalAttributes = U32(header, 38),
            RawName = name,
            Extra = extra,
            RawComment = comment,
            Name = display,
            Cp437 = cp437,
        };
    }

    /// <summary>Reads the 64-bit values the zip64 extra field holds for the 32-bit fields set to 0xFFFFFFFF, in order.</summary>
    private static (long Uncompressed, long Compressed, long Offset) Widen(string name, ReadOnlySpan<byte> extra, long uncompressed, long compressed, long offset)
    {
        foreach (var (id, data) in ZipExtraBlocks.Split(extra))
        {
            if (id != Zip64ExtraId)
            {
                continue;
            }

            var at = 0;
            uncompressed = Next(data, uncompressed);
            compressed = Next(data, compressed);
            offset = Next(data, offset);
            return (uncompressed, compressed, offset);

            long Next(ReadOnlySpan<byte> d, long value)
            {
                if (value != uint.MaxValue)
                {
                    return value;
                }

                if (at + 8 > d.Length)
                {
                    throw new MalformedInputException($"entry '{name}': zip64 extra field too short");
                }

                var wide = U64(d, at);
                at += 8;
                return wide <= long.MaxValue ? (long)wide : throw new MalformedInputException($"entry '{name}': impossible zip64 value {wide}");
            }
        }

        throw new MalformedInputException($"entry '{name}': 32-bit size or offset is 0xFFFFFFFF but there is no zip64 extra field");
    }
}
