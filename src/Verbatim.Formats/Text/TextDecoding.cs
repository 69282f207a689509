using System.Text;

namespace Verbatim.Formats.Text;

/// <summary>Recognises text by content (UTF-8 without NULs, or a UTF-16/UTF-32 byte-order mark) and decodes it.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoding's name when <paramref name="head"/> looks like text, else null.</summary>
    public static string? Detect(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return IsUtf8(head[3..], complete) ? "utf-8 with BOM" : null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return "utf-16le";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "utf-16be";
        }

        if (head.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        if (IsUtf8(head, complete))
        {
            return head.ContainsAnyInRange((byte)0x80, (byte)0xFF) ? "utf-8" : "ascii";
        }

        return IsLatin1Text(head) ? "iso-8859-1" : null;
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string encoding) => encoding switch
    {
        "utf-8 with BOM" => Encoding.UTF8.GetString(bytes[3..]),
        "utf-16le" => Encoding.Unicode.GetString(bytes[2..]),
        "utf-16be" => Encoding.BigEndianUnicode.GetString(bytes[2..]),
        "iso-8859-1" => Encoding.Latin1.GetString(bytes),
        _ => Encoding.UTF8.GetString(bytes),
    };

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException e) when (!complete && e.Index >= bytes.Length - 4)
        {
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsLatin1Text(ReadOnlySpan<byte> bytes)
    {
        var controls = 0;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0c)
            {
                controls++;
            }
        }

        return controls == 0;
    }
}
