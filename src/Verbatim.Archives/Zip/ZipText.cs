using System.Text;

namespace Verbatim.Archives.Zip;

/// <summary>
/// Decodes the names and comments stored in a zip: UTF-8 when the entry's flag says so or the bytes are valid UTF-8,
/// else the original IBM PC code page 437 that the format specifies. The result is for display and matching only.
/// </summary>
public static class ZipText
{
    /// <summary>Code page 437 characters for bytes 0x80–0xFF.</summary>
    public const string Cp437High =
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐" +
        "└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The display name of an entry; <paramref name="cp437"/> tells whether code page 437 was used.</summary>
    public static string Name(ReadOnlySpan<byte> raw, bool utf8Flag, out bool cp437)
    {
        cp437 = !utf8Flag && !IsUtf8(raw);
        return cp437 ? EntryNames.Escape(DecodeCp437(raw)) : EntryNames.Display(raw);
    }

    /// <summary>A comment (archive or entry) as readable text.</summary>
    public static string Comment(ReadOnlySpan<byte> raw, bool utf8Flag) => Name(raw, utf8Flag, out _);

    public static string DecodeCp437(ReadOnlySpan<byte> raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var b in raw)
        {
            builder.Append(b < 0x80 ? (char)b : Cp437High[b - 0x80]);
        }

        return builder.ToString();
    }

    private static bool IsUtf8(ReadOnlySpan<byte> raw)
    {
        if (System.Text.Ascii.IsValid(raw))
        {
            return true;
        }

        try
        {
            StrictUtf8.GetCharCount(raw);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
