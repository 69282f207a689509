using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Gzip;

/// <summary>The fields of a gzip member header (RFC 1952) that normalization looks at.</summary>
internal sealed record GzipHeader(byte Flags, uint Mtime, byte ExtraFlags, byte Os, byte[]? Name, byte[]? Comment, byte[]? Extra)
{
    private const int MaxField = 1 << 16;

    /// <summary>Reads the header at the start of <paramref name="stream"/>; throws when it is cut short or malformed.</summary>
    public static GzipHeader Read(Stream stream)
    {
        var fixedPart = new byte[10];
        if (stream.ReadAtLeast(fixedPart, 10, throwOnEndOfStream: false) < 10 || fixedPart[0] != 0x1f || fixedPart[1] != 0x8b)
        {
            throw new MalformedInputException("truncated gzip header");
        }

        if (fixedPart[2] != 8)
        {
            throw new UnsupportedInputException($"gzip compression method {fixedPart[2]} is not deflate");
        }

        var flags = fixedPart[3];
        if ((flags & 0xE0) != 0)
        {
            throw new MalformedInputException("reserved gzip header flags are set");
        }

        byte[]? extra = null, name = null, comment = null;
        if ((flags & 4) != 0)
        {
            var length = new byte[2];
            ReadExactly(stream, length);
            extra = new byte[length[0] | (length[1] << 8)];
            ReadExactly(stream, extra);
        }

        if ((flags & 8) != 0)
        {
            name = ReadZeroTerminated(stream);
        }

        if ((flags & 16) != 0)
        {
            comment = ReadZeroTerminated(stream);
        }

        if ((flags & 2) != 0)
        {
            ReadExactly(stream, new byte[2]);
        }

        var mtime = (uint)(fixedPart[4] | (fixedPart[5] << 8) | (fixedPart[6] << 16) | (fixedPart[7] << 24));
        return new GzipHeader(flags, mtime, fixedPart[8], fixedPart[9], name, comment, extra);
    }

    /// <summary>The canonical header: no mtime, no name, no extra field, no header CRC, no compression-level flag, OS Unix; the comment kept.</summary>
    public static byte[] Canonical(byte[]? comment)
    {
        var header = new List<byte> { 0x1f, 0x8b, 8, (byte)(comment is null ? 0 : 16), 0, 0, 0, 0, 0, 3 };
        if (comment is not null)
        {
            header.AddRange(comment);
            header.Add(0);
        }

        return [.. header];
    }

    private static void ReadExactly(Stream stream, byte[] buffer)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new MalformedInputException("truncated gzip header");
        }
    }

    private static byte[] ReadZeroTerminated(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new MalformedInputException("truncated gzip header");
            }

            if (b == 0)
            {
                return [.. bytes];
            }

            if (bytes.Count == MaxField)
            {
                throw new MalformedInputException("absurdly long gzip header field");
            }

            bytes.Add((byte)b);
        }
    }
}
