using System.Globalization;
using System.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The readable strings of a section as text, one a line: every NUL-terminated string of a string table
/// (SHT_STRTAB or SHF_STRINGS), or, like <c>strings</c>, every run of at least four printable characters.
/// </summary>
internal static class StringsListing
{
    public const int MinLength = 4;
    public const int MaxLines = 200_000;

    private const ulong FlagStrings = 0x20;

    public static bool IsStringTable(ElfSection section) => section.Type == ElfSection.StrTab || (section.Flags & FlagStrings) != 0;

    public static string Render(ReadOnlySpan<byte> bytes, ElfSection section) =>
        IsStringTable(section) ? Table(bytes) : Printable(bytes);

    /// <summary>Each NUL-terminated string (control characters escaped), empty ones left out.</summary>
    public static string Table(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        var lines = 0;
        while (bytes.Length > 0)
        {
            var end = bytes.IndexOf((byte)0);
            var item = end < 0 ? bytes : bytes[..end];
            if (item.Length > 0 && !Add(text, ElfByteReader.Decode(item), ref lines))
            {
                break;
            }

            bytes = end < 0 ? [] : bytes[(end + 1)..];
        }

        return text.ToString();
    }

    /// <summary>Runs of at least <see cref="MinLength"/> printable ASCII characters (and tabs).</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        var lines = 0;
        var start = -1;
        for (var i = 0; i <= bytes.Length; i++)
        {
            var printable = i < bytes.Length && (bytes[i] is >= 0x20 and < 0x7f || bytes[i] == (byte)'\t');
            if (printable)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0 && i - start >= MinLength && !Add(text, Encoding.ASCII.GetString(bytes[start..i]), ref lines))
            {
                break;
            }

            start = -1;
        }

        return text.ToString();
    }

    private static bool Add(StringBuilder text, string line, ref int lines)
    {
        if (lines == MaxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"… more strings not listed (limit {MaxLines})\n");
            return false;
        }

        lines++;
        text.Append(line).Append('\n');
        return true;
    }
}
