using System.Buffers.Binary;

namespace Verbatim.Archives.Zip;

/// <summary>
/// Writes a canonical zip to a forward-only stream: local headers carrying the real CRC and sizes (no data
/// descriptors), the data as given, the central directory, and zip64 records only when a size, offset or count
/// needs them.
/// </summary>
public sealed class ZipWriter(Stream output)
{
    private const ushort VersionNeeded = 20;
    private const ushort VersionNeeded64 = 45;

    private readonly List<(ZipItem Item, long Offset)> written = [];
    private readonly byte[] buffer = new byte[1 << 16];
    private long position;

    public void Write(ZipItem item, CancellationToken cancellationToken)
    {
        var offset = position;
        var compressed = item.Data.Length;
        var zip64 = compressed >= uint.MaxValue || item.UncompressedSize >= uint.MaxValue;
        var extra = zip64 ? [.. Zip64Extra(item.UncompressedSize, compressed, null), .. item.LocalExtra] : item.LocalExtra;
        var header = new byte[30];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], zip64 ? VersionNeeded64 : VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], item.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], item.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], item.DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], item.DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], item.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], zip64 ? uint.MaxValue : (uint)compressed);
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], zip64 ? uint.MaxValue : (uint)item.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], checked((ushort)item.Name.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], checked((ushort)extra.Length));
        Put(header);
        Put(item.Name);
        Put(extra);
        using (var data = item.Data.Open())
        {
            for (var remaining = compressed; remaining > 0;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = data.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n == 0)
                {
                    throw new EndOfStreamException("entry data ended early");
                }

                Put(buffer.AsSpan(0, n));
                remaining -= n;
            }
        }

        written.Add((item, offset));
    }

    /// <summary>Writes the central directory and the end records.</summary>
    public void Finish(byte[] comment)
    {
        var start = position;
        foreach (var (item, offset) in written)
        {
            var compressed = item.Data.Length;
            var bigSizes = compressed >= uint.MaxValue || item.UncompressedSize >= uint.MaxValue;
            var bigOffset = offset >= uint.MaxValue;
            var zip64 = bigSizes || bigOffset;
            byte[] extra = zip64
                ? [.. Zip64Extra(bigSizes ? item.UncompressedSize : null, bigSizes ? compressed : null, bigOffset ? offset : null), .. item.CentralExtra]
                : item.CentralExtra;
            var header = new byte[46];
            var h = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(h[4..], item.VersionMadeBy);
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], bigSizes || bigOffset ? VersionNeeded64 : VersionNeeded);
            BinaryPrimitives.WriteUInt16LittleEndian(h[8..], item.Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(h[10..], item.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(h[12..], item.DosTime);
            BinaryPrimitives.WriteUInt16LittleEndian(h[14..], item.DosDate);
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], item.Crc32);
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], bigSizes ? uint.MaxValue : (uint)compressed);
            BinaryPrimitives.WriteUInt32LittleEndian(h[24..], bigSizes ? uint.MaxValue : (uint)item.UncompressedSize);
            BinaryPrimitives.WriteUInt16LittleEndian(h[28..], checked((ushort)item.Name.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(h[30..], checked((ushort)extra.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(h[32..], checked((ushort)item.Comment.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(h[36..], item.InternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(h[38..], item.ExternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(h[42..], bigOffset ? uint.MaxValue : (uint)offset);
            Put(header);
            Put(item.Name);
            Put(extra);
            Put(item.Comment);
        }

        var size = position - start;
        var count = written.Count;
        if (count >= ushort.MaxValue || start >= uint.MaxValue || size >= uint.MaxValue)
        {
            WriteZip64End(count, size, start);
        }

        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], (uint)Math.Min(size, uint.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)Math.Min(start, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(e[20..], checked((ushort)comment.Length));
        Put(end);
        Put(comment);
    }

    private void WriteZip64End(long count, long size, long start)
    {
        var recordStart = position;
        var record = new byte[56];
        var r = record.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(r, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(r[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(r[12..], 0x032D);
        BinaryPrimitives.WriteUInt16LittleEndian(r[14..], VersionNeeded64);
        BinaryPrimitives.WriteUInt64LittleEndian(r[24..], (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(r[32..], (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(r[40..], (ulong)size);
        BinaryPrimitives.WriteUInt64LittleEndian(r[48..], (ulong)start);
        Put(record);
        var locator = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), (ulong)recordStart);
        BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(16), 1);
        Put(locator);
    }

    private static byte[] Zip64Extra(long? uncompressed, long? compressed, long? offset)
    {
        var values = new[] { uncompressed, compressed, offset }.Where(v => v is not null).Select(v => v!.Value).ToArray();
        var extra = new byte[4 + (8 * values.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(8 * values.Length));
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(4 + (8 * i)), (ulong)values[i]);
        }

        return extra;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        position += bytes.Length;
    }
}
