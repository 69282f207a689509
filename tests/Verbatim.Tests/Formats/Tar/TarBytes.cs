using System.Text;

namespace Verbatim.Tests.Formats.Tar;

/// <summary>Writes tar archives byte by byte, for names and damage the real tools will not produce.</summary>
public sealed class TarBytes
{
    private readonly MemoryStream output = new();

    public TarBytes File(string name, string content, string mode = "0000644", long? size = null, byte type = (byte)'0', string magic = "ustar\0", string version = "00") =>
        File(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(content), mode, size, type, magic, version);

    public TarBytes File(byte[] name, byte[] content, string mode = "0000644", long? size = null, byte type = (byte)'0', string magic = "ustar\0", string version = "00")
    {
        var header = Header(name, size ?? content.Length, mode, type, magic, version);
        output.Write(header);
        output.Write(content);
        output.Write(new byte[(512 - (content.Length % 512)) % 512]);
        return this;
    }

    /// <summary>A pax extended header with the given raw record text, then a file.</summary>
    public TarBytes Pax(string records) => File("./PaxHeaders/x", records, type: (byte)'x');

    public byte[] Build(bool end = true)
    {
        if (end)
        {
            output.Write(new byte[1024]);
        }

        return output.ToArray();
    }

    public static byte[] Header(byte[] name, long size, string mode = "0000644", byte type = (byte)'0', string magic = "ustar\0", string version = "00")
    {
        var h = new byte[512];
        name.AsSpan(0, Math.Min(100, name.Length)).CopyTo(h);
        Ascii(h, 100, mode + "\0");
        Ascii(h, 108, "0001750\0");
        Ascii(h, 116, "0001750\0");
        Ascii(h, 124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Ascii(h, 136, "14544460400\0");
        h[156] = type;
        Ascii(h, 257, magic);
        Ascii(h, 263, version);
        Ascii(h, 265, "user\0");
        Ascii(h, 297, "group\0");
        SetChecksum(h);
        return h;
    }

    public static void SetChecksum(byte[] h, int offset = 0)
    {
        var header = h.AsSpan(offset, 512);
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
    }

    private static void Ascii(byte[] h, int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(h, offset);
}
