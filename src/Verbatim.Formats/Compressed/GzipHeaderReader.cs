using System.Globalization;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Compressed;

/// <summary>Reads the header of a gzip member (RFC 1952): mtime, extra flags, OS, and the optional extra, name, comment and header CRC.</summary>
public static class GzipHeaderReader
{
    private const int MaxStringBytes = 64 * 1024;
    private const byte FlagText = 1;
    private const byte FlagHeaderCrc = 2;
    private const byte FlagExtra = 4;
    private const byte FlagName = 8;
    private const byte FlagComment = 16;

    public static CompressedHeader Read(Stream stream)
    {
        using var reader = new BufferedStream(stream, 8192);
        Span<byte> fixedPart = stackalloc byte[10];
        ReadExactly(reader, fixedPart);
        if (fixedPart[0] != 0x1f || fixedPart[1] != 0x8b || fixedPart[2] != 8)
        {
            throw new MalformedInputException("gzip: bad magic or compression method");
        }

        var flags = fixedPart[3];
        if ((flags & 0xE0) != 0)
        {
            throw new MalformedInputException($"gzip: reserved header flags set (0x{flags:x2})");
        }

        var mtime = BitConverter.ToUInt32(fixedPart[4..8]);
        var fields = new List<HeaderField>
        {
            new("mtime", mtime == 0 ? "not set" : Timestamps.Describe(mtime), CauseKind.Timestamp,
                "gzip recorded the input file's modification time (gzip -n, or a fixed time with touch/SOURCE_DATE_EPOCH, avoids it)"),
            new("os", DescribeOs(fixedPart[9]), CauseKind.Compression, "written by a compressor on another OS"),
            new("xfl", DescribeXfl(fixedPart[8]), CauseKind.Compression),
            new("text flag", (flags & FlagText) != 0 ? "set" : "not set", CauseKind.Compression),
        };
        long length = 10;
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> xlen = stackalloc byte[2];
            ReadExactly(reader, xlen);
            var extra = new byte[BitConverter.ToUInt16(xlen)];
            ReadExactly(reader, extra);
            length += 2 + extra.Length;
            var shown = Convert.ToHexStringLower(extra.AsSpan(0, Math.Min(extra.Length, 64)));
            fields.Add(new("extra field", $"{extra.Length} bytes: {shown}{(extra.Length > 64 ? "…" : "")}"));
        }

        if ((flags & FlagName) != 0)
        {
            var name = ReadString(reader, "file name");
            length += name.Length + 1;
            fields.Add(new("original name", MemberNames.Display(name), CauseKind.BuildPath,
                "gzip recorded the input file's name; a differing name is often a build path or a temporary file name (gzip -n omits it)"));
        }

        if ((flags & FlagComment) != 0)
        {
            var comment = ReadString(reader, "comment");
            length += comment.Length + 1;
            fields.Add(new("comment", MemberNames.Display(comment)));
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            Span<byte> crc = stackalloc byte[2];
            ReadExactly(reader, crc);
            length += 2;
        }

        fields.Add(new("header crc", (flags & FlagHeaderCrc) != 0 ? "present" : "absent", CauseKind.Compression));
        return new CompressedHeader(fields, length);
    }

    public static string DescribeOs(byte os) => os switch
    {
        0 => "0 (FAT: MS-DOS, Windows)",
        1 => "1 (Amiga)",
        2 => "2 (VMS)",
        3 => "3 (Unix)",
        4 => "4 (VM/CMS)",
        5 => "5 (Atari TOS)",
        6 => "6 (HPFS: OS/2)",
        7 => "7 (Macintosh)",
        8 => "8 (Z-System)",
        9 => "9 (CP/M)",
        10 => "10 (TOPS-20)",
        11 => "11 (NTFS: Windows)",
        12 => "12 (QDOS)",
        13 => "13 (Acorn RISCOS)",
        255 => "255 (unknown)",
        _ => os.ToString(CultureInfo.InvariantCulture),
    };

    public static string DescribeXfl(byte xfl) => xfl switch
    {
        0 => "0 (no level recorded)",
        2 => "2 (maximum compression, -9)",
        4 => "4 (fastest, -1)",
        _ => xfl.ToString(CultureInfo.InvariantCulture),
    };

    private static byte[] ReadString(Stream reader, string what)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = reader.ReadByte();
            if (b < 0)
            {
                throw new MalformedInputException($"gzip: truncated header ({what})");
            }

            if (b == 0)
            {
                return [.. bytes];
            }

            if (bytes.Count >= MaxStringBytes)
            {
                throw new MalformedInputException($"gzip: {what} in the header is longer than {MaxStringBytes} bytes");
            }

            bytes.Add((byte)b);
        }
    }

    private static void ReadExactly(Stream reader, Span<byte> buffer)
    {
        if (reader.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new MalformedInputException("gzip: truncated header");
        }
    }
}
