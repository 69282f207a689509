using System.Text;

namespace Verbatim.Core.Native;

/// <summary>
/// File-system paths as the kernel sees them: bytes, not necessarily UTF-8. System.IO only takes strings, which
/// cannot hold a name that is not UTF-8; these helpers keep the bytes and make a display string of them.
/// </summary>
public static class RawPath
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The bytes of <paramref name="path"/>: its UTF-8, or the raw command-line argument it was decoded from.</summary>
    public static byte[] Of(string path) => path.Contains('\uFFFD', StringComparison.Ordinal) && FromCommandLine(path) is { } raw ? raw : Encoding.UTF8.GetBytes(path);

    /// <summary><paramref name="directory"/>/<paramref name="name"/>.</summary>
    public static byte[] Join(byte[] directory, byte[] name)
    {
        var needsSlash = directory.Length > 0 && directory[^1] != (byte)'/';
        var joined = new byte[directory.Length + (needsSlash ? 1 : 0) + name.Length];
        directory.CopyTo(joined, 0);
        if (needsSlash)
        {
            joined[directory.Length] = (byte)'/';
        }

        name.CopyTo(joined, joined.Length - name.Length);
        return joined;
    }

    /// <summary>Whether the bytes are valid UTF-8 (and so can be handed to System.IO as a string).</summary>
    public static bool IsUtf8(ReadOnlySpan<byte> raw)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(raw);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A string for people: the UTF-8 text, with each byte that is not UTF-8 shown as <c>\xNN</c>.</summary>
    public static string Display(ReadOnlySpan<byte> raw)
    {
        if (IsUtf8(raw))
        {
            return StrictUtf8.GetString(raw);
        }

        var builder = new StringBuilder(raw.Length + 8);
        var i = 0;
        while (i < raw.Length)
        {
            var length = SequenceLength(raw[i..]);
            if (length > 0)
            {
                builder.Append(StrictUtf8.GetString(raw.Slice(i, length)));
                i += length;
            }
            else
            {
                builder.Append($"\\x{raw[i]:x2}");
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>The length of the valid UTF-8 sequence at the start of <paramref name="s"/>, or 0.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> s)
    {
        var length = s[0] switch
        {
            < 0x80 => 1,
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xF0 and <= 0xF4 => 4,
            _ => 0,
        };
        return length > 0 && length <= s.Length && IsUtf8(s[..length]) ? length : 0;
    }

    /// <summary>
    /// The runtime decodes command-line arguments as UTF-8, replacing bytes that are not; the kernel keeps the
    /// originals in /proc/self/cmdline. Returns the one argument that decodes to <paramref name="decoded"/>.
    /// </summary>
    private static byte[]? FromCommandLine(string decoded)
    {
        byte[] cmdline;
        try
        {
            cmdline = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        byte[]? found = null;
        foreach (var range in cmdline.AsSpan().Split((byte)0))
        {
            var argument = cmdline.AsSpan(range);
            if (Encoding.UTF8.GetString(argument) == decoded)
            {
                if (found is not null && !found.AsSpan().SequenceEqual(argument))
                {
                    return null;
                }

                found = argument.ToArray();
            }
        }

        return found;
    }
}
