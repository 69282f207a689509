using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>
/// Decodes the numeric fields of a tar header: octal text padded with spaces or NULs, or GNU's base-256 binary
/// form (high bit of the first byte set). Anything else is an absurd field and makes the archive malformed.
/// </summary>
public static class TarNumbers
{
    public static long Parse(ReadOnlySpan<byte> field, string name)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            return ParseBase256(field, name);
        }

        var i = 0;
        while (i < field.Length && field[i] == (byte)' ')
        {
            i++;
        }

        long value = 0;
        var digits = 0;
        for (; i < field.Length; i++)
        {
            var b = field[i];
            if (b is 0 or (byte)' ')
            {
                break;
            }

            if (b is < (byte)'0' or > (byte)'7' || digits >= 21)
            {
                throw new MalformedInputException($"absurd value in the tar header field '{name}'");
            }

            value = (value << 3) | (long)(b - '0');
            digits++;
        }

        for (; i < field.Length; i++)
        {
            if (field[i] is not 0 and not (byte)' ')
            {
                throw new MalformedInputException($"absurd value in the tar header field '{name}'");
            }
        }

        return value;
    }

    private static long ParseBase256(ReadOnlySpan<byte> field, string name)
    {
        var negative = field[0] == 0xFF;
        if (!negative && field[0] != 0x80)
        {
            throw new MalformedInputException($"absurd base-256 value in the tar header field '{name}'");
        }

        long value = negative ? -1 : 0;
        for (var i = 1; i < field.Length; i++)
        {
            if (value > (long.MaxValue >> 8) || value < (long.MinValue >> 8))
            {
                throw new MalformedInputException($"absurd base-256 value in the tar header field '{name}'");
            }

            value = (value << 8) | field[i];
        }

        return value;
    }

    /// <summary>Whether the header's checksum field matches its bytes (unsigned or, as some old tars wrote, signed).</summary>
    public static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        long stored;
        try
        {
            stored = Parse(header.Slice(148, 8), "chksum");
        }
        catch (MalformedInputException)
        {
            return false;
        }

        long unsigned = 0, signed = 0;
        for (var i = 0; i < 512; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }
}
