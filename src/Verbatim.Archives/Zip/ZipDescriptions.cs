using System.Globalization;
using System.Text;

namespace Verbatim.Archives.Zip;

/// <summary>Readable forms of zip header values: host systems, versions, flags, compression methods and file modes.</summary>
public static class ZipDescriptions
{
    private static readonly string[] Hosts =
    [
        "MS-DOS/FAT", "Amiga", "OpenVMS", "Unix", "VM/CMS", "Atari ST", "OS/2 HPFS", "Macintosh", "Z-System", "CP/M",
        "Windows NTFS", "MVS", "VSE", "Acorn RISC OS", "VFAT", "alternate MVS", "BeOS", "Tandem", "OS/400", "OS X (Darwin)",
    ];

    /// <summary>Hosts whose external attributes carry a Unix mode in their high 16 bits.</summary>
    public static bool HasUnixMode(int host) => host is 3 or 19 or 16 or 5;

    public static string Host(int host) => host < Hosts.Length ? Hosts[host] : $"host {host}";

    public static string Version(int version) => $"{version / 10}.{version % 10}";

    public static string MadeBy(ushort versionMadeBy) => $"{Host(versionMadeBy >> 8)}, zip spec {Version(versionMadeBy & 0xFF)}";

    public static string MethodName(int method) => method switch
    {
        0 => "stored",
        1 => "shrunk",
        6 => "imploded",
        8 => "deflate",
        9 => "deflate64",
        12 => "bzip2",
        14 => "lzma",
        93 => "zstd",
        95 => "xz",
        96 => "jpeg",
        97 => "wavpack",
        98 => "ppmd",
        99 => "aes-encrypted",
        _ => $"method {method}",
    };

    /// <summary>The method, with the deflate option of flag bits 1–2 (the level the compressor was asked for).</summary>
    public static string Compression(int method, ushort flags)
    {
        var name = MethodName(method);
        if (method is 8 or 9)
        {
            var level = ((flags >> 1) & 3) switch
            {
                0 => "normal",
                1 => "maximum",
                2 => "fast",
                _ => "super fast",
            };
            return $"{name} ({level})";
        }

        return method == 14 && (flags & 2) != 0 ? $"{name} (end marker)" : name;
    }

    /// <summary>The general purpose flags except the compression option bits, which <see cref="Compression"/> shows.</summary>
    public static string Flags(ushort flags)
    {
        var rest = flags & ~0x6;
        if (rest == 0)
        {
            return "none";
        }

        var names = new List<string>();
        for (var bit = 0; bit < 16; bit++)
        {
            if (bit is 1 or 2 || (rest & (1 << bit)) == 0)
            {
                continue;
            }

            names.Add(bit switch
            {
                0 => "encrypted",
                3 => "data descriptor",
                4 => "enhanced deflate",
                5 => "patched data",
                6 => "strong encryption",
                11 => "UTF-8 names",
                13 => "masked local headers",
                _ => $"bit {bit}",
            });
        }

        return $"0x{rest:x4} ({string.Join(", ", names)})";
    }

    /// <summary>A Unix mode as octal with its <c>ls -l</c> form, e.g. <c>100644 (-rw-r--r--)</c>.</summary>
    public static string UnixMode(uint mode)
    {
        var type = (mode & 0xF000) switch
        {
            0x8000 => '-',
            0x4000 => 'd',
            0xA000 => 'l',
            0x2000 => 'c',
            0x6000 => 'b',
            0x1000 => 'p',
            0xC000 => 's',
            _ => '?',
        };
        var text = new StringBuilder().Append(type);
        const string letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            text.Append((mode & (1u << (8 - i))) != 0 ? letters[i] : '-');
        }

        if ((mode & 0x800) != 0)
        {
            text[3] = text[3] == 'x' ? 's' : 'S';
        }

        if ((mode & 0x400) != 0)
        {
            text[6] = text[6] == 'x' ? 's' : 'S';
        }

        if ((mode & 0x200) != 0)
        {
            text[9] = text[9] == 'x' ? 't' : 'T';
        }

        return $"{Convert.ToString(mode, 8).PadLeft(6, '0')} ({text})";
    }

    /// <summary>MS-DOS attribute bits (the low byte of the external attributes).</summary>
    public static string DosAttributes(uint attributes)
    {
        var bits = attributes & 0xFF;
        var names = new List<string>();
        string[] known = ["read-only", "hidden", "system", "volume label", "directory", "archive"];
        for (var bit = 0; bit < 8; bit++)
        {
            if ((bits & (1u << bit)) != 0)
            {
                names.Add(bit < known.Length ? known[bit] : $"bit {bit}");
            }
        }

        return $"0x{bits.ToString("x2", CultureInfo.InvariantCulture)}" + (names.Count > 0 ? $" ({string.Join(", ", names)})" : "");
    }
}
