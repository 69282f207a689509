using System.Text;

namespace Verbatim.Archives;

/// <summary>Turns raw entry names into safe display names: invalid UTF-8 and control characters become escapes.</summary>
public static class EntryNames
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Display(ReadOnlySpan<byte> raw)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            var builder = new StringBuilder();
            foreach (var b in raw)
            {
                if (b < 0x80)
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append($"\\x{b:x2}");
                }
            }

            text = builder.ToString();
        }

        return Escape(text);
    }

    public static string Escape(string name)
    {
        if (!name.Any(char.IsControl))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            builder.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c);
        }

        return builder.ToString();
    }
}
