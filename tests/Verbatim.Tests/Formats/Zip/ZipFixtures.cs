using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Verbatim.Tests.Formats.Zip;

/// <summary>Builds zip fixtures in memory with System.IO.Compression, and finds the headers to patch in them.</summary>
public static class ZipFixtures
{
    public static readonly DateTimeOffset Time = new(2024, 1, 2, 3, 4, 6, TimeSpan.Zero);

    public sealed record Entry(string Name, byte[] Data)
    {
        public DateTimeOffset Time { get; init; } = ZipFixtures.Time;

        public CompressionLevel Level { get; init; } = CompressionLevel.Optimal;

        /// <summary>A Unix mode for the external attributes, e.g. 0x81A4 for a 0644 file.</summary>
        public int? UnixMode { get; init; } = 0x81A4;

        public Entry(string name, string text)
            : this(name, Encoding.UTF8.GetBytes(text))
        {
        }
    }

    public static byte[] BuildZip(params Entry[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                var entry = archive.CreateEntry(e.Name, e.Level);
                entry.LastWriteTime = e.Time;
                if (e.UnixMode is { } mode)
                {
                    entry.ExternalAttributes = mode << 16;
                }

                using var stream = entry.Open();
                stream.Write(e.Data);
            }
        }

        return memory.ToArray();
    }

    /// <summary>The offsets of the central directory headers, in order.</summary>
    public static List<int> CentralHeaders(byte[] zip)
    {
        var end = zip.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054b50)
        {
            end--;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        var offsets = new List<int>();
        for (var i = 0; i < count; i++)
        {
            offsets.Add(at);
            at += 46 + U16(zip, at + 28) + U16(zip, at + 30) + U16(zip, at + 32);
        }

        return offsets;
    }

    /// <summary>The offset of entry <paramref name="index"/>'s local header.</summary>
    public static int LocalHeader(byte[] zip, int index) => (int)U32(zip, CentralHeaders(zip)[index] + 42);

    public static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

    public static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    public static void Put16(byte[] b, int at, int value) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)value);

    public static void Put32(byte[] b, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), value);

    /// <summary>Sets a 16-bit field in both headers of an entry (central offset <paramref name="central"/>, local <paramref name="local"/>).</summary>
    public static void PatchBoth16(byte[] zip, int index, int central, int local, int value)
    {
        Put16(zip, CentralHeaders(zip)[index] + central, value);
        Put16(zip, LocalHeader(zip, index) + local, value);
    }

    public static void PatchBoth32(byte[] zip, int index, int central, int local, uint value)
    {
        Put32(zip, CentralHeaders(zip)[index] + central, value);
        Put32(zip, LocalHeader(zip, index) + local, value);
    }
}
