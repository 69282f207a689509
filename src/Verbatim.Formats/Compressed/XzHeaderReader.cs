using System.Globalization;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// Reads an .xz file's structure without decompressing: the check type (stream flags), the first block's filter chain
/// (LZMA2's dictionary size tells the preset), and, walking the indexes back from the end, the number of streams and
/// blocks and the uncompressed size.
/// </summary>
public static class XzHeaderReader
{
    private const int MaxIndexBytes = 16 << 20;

    public static CompressedHeader Read(Input input, CancellationToken cancellationToken)
    {
        var head = input.Head;
        if (head.Length < 24)
        {
            throw new MalformedInputException("truncated xz stream");
        }

        if (head[6] != 0 || (head[7] & 0xF0) != 0)
        {
            throw new MalformedInputException("xz: unsupported stream flags");
        }

        var fields = new List<HeaderField> { new("check", DescribeCheck(head[7]), CauseKind.Compression) };
        if (Filters(head[12..]) is { } filters)
        {
            fields.Add(new("filters", filters, CauseKind.Compression));
        }

        var (streams, blocks, size) = WalkIndexes(input, cancellationToken);
        fields.Add(new("streams", streams.ToString(CultureInfo.InvariantCulture), CauseKind.Compression));
        fields.Add(new("blocks", blocks.ToString(CultureInfo.InvariantCulture), CauseKind.Compression, "the data was split into another number of blocks (xz -T threads or --block-size)"));
        fields.Add(new("uncompressed size", size.ToString(CultureInfo.InvariantCulture)));
        return new CompressedHeader(fields, 12);
    }

    public static string DescribeCheck(byte flags) => (flags & 0x0F) switch
    {
        0 => "none",
        1 => "CRC32",
        4 => "CRC64",
        10 => "SHA-256",
        var other => $"type {other}",
    };

    /// <summary>The filter chain named in the block header at the start of <paramref name="block"/>, or null (no blocks).</summary>
    private static string? Filters(ReadOnlySpan<byte> block)
    {
        if (block.Length == 0 || block[0] == 0)
        {
            return null;
        }

        var size = (block[0] + 1) * 4;
        if (size > block.Length)
        {
            return null;
        }

        var flags = block[1];
        var position = 2;
        if ((flags & 0x40) != 0)
        {
            VarInt(block[..size], ref position);
        }

        if ((flags & 0x80) != 0)
        {
            VarInt(block[..size], ref position);
        }

        var names = new List<string>();
        for (var i = 0; i <= (flags & 3); i++)
        {
            var id = VarInt(block[..size], ref position);
            var propertiesSize = (int)VarInt(block[..size], ref position);
            if (position + propertiesSize > size)
            {
                throw new MalformedInputException("xz: block header is corrupt");
            }

            var properties = block.Slice(position, propertiesSize);
            position += propertiesSize;
            names.Add(FilterName(id, properties));
        }

        return string.Join(" + ", names);
    }

    private static string FilterName(ulong id, ReadOnlySpan<byte> properties) => id switch
    {
        0x21 when properties.Length == 1 => $"LZMA2 (dictionary {Dictionary(properties[0])})",
        0x21 => "LZMA2",
        0x03 => "Delta",
        0x04 => "x86 BCJ",
        0x05 => "PowerPC BCJ",
        0x06 => "IA-64 BCJ",
        0x07 => "ARM BCJ",
        0x08 => "ARM-Thumb BCJ",
        0x09 => "SPARC BCJ",
        0x0A => "ARM64 BCJ",
        0x0B => "RISC-V BCJ",
        _ => $"filter 0x{id:x}",
    };

    private static string Dictionary(byte bits)
    {
        if (bits > 40)
        {
            return "invalid";
        }

        var bytes = bits == 40 ? uint.MaxValue : (2u | (bits & 1u)) << (bits / 2 + 11);
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
    }

    /// <summary>Walks the streams from the end of the file: footer, index, blocks, header, stream padding.</summary>
    private static (int Streams, long Blocks, long Uncompressed) WalkIndexes(Input input, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        var end = input.Length;
        int streams = 0;
        long blocks = 0, uncompressed = 0;
        Span<byte> footer = stackalloc byte[12];
        while (end > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            end = SkipPadding(stream, end);
            if (end < 24)
            {
                throw new MalformedInputException("truncated xz stream");
            }

            stream.Position = end - 12;
            stream.ReadExactly(footer);
            if (footer[10] != (byte)'Y' || footer[11] != (byte)'Z')
            {
                throw new MalformedInputException("truncated xz stream (no stream footer)");
            }

            var indexSize = ((long)BitConverter.ToUInt32(footer[4..8]) + 1) * 4;
            var indexStart = end - 12 - indexSize;
            if (indexSize > MaxIndexBytes || indexStart < 12)
            {
                throw new MalformedInputException("xz: the index is corrupt");
            }

            var index = new byte[indexSize];
            stream.Position = indexStart;
            stream.ReadExactly(index);
            var position = 1;
            var records = index[0] == 0 ? VarInt(index, ref position) : throw new MalformedInputException("xz: the index is corrupt");
            long compressed = 0;
            for (ulong i = 0; i < records; i++)
            {
                var unpadded = VarInt(index, ref position);
                var size = VarInt(index, ref position);
                compressed += (long)((unpadded + 3) & ~3UL);
                uncompressed += (long)size;
                if (compressed < 0 || compressed > indexStart || uncompressed < 0)
                {
                    throw new MalformedInputException("xz: the index is corrupt");
                }
            }

            var start = indexStart - compressed - 12;
            if (start < 0)
            {
                throw new MalformedInputException("xz: the index is corrupt");
            }

            streams++;
            blocks += (long)records;
            end = start;
        }

        return (streams, blocks, uncompressed);
    }

    private static long SkipPadding(Stream stream, long end)
    {
        var buffer = new byte[4096];
        while (end >= 4)
        {
            var n = (int)Math.Min(buffer.Length, end);
            stream.Position = end - n;
            stream.ReadExactly(buffer, 0, n);
            var zeros = n - buffer.AsSpan(0, n).LastIndexOfAnyExcept((byte)0) - 1;
            end -= zeros / 4 * 4;
            if (zeros < n)
            {
                break;
            }
        }

        return end;
    }

    private static ulong VarInt(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new MalformedInputException("xz: a header or the index is corrupt");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MalformedInputException("xz: a header or the index is corrupt");
    }
}
