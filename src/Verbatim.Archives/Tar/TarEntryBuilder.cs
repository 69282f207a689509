using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>Builds a <see cref="TarEntry"/> from a checked 512-byte header and the pax records and GNU long names before it.</summary>
internal static class TarEntryBuilder
{
    private static readonly HashSet<string> Applied = new(StringComparer.Ordinal)
    {
        "path", "linkpath", "size", "uid", "gid", "uname", "gname", "mtime", "atime", "ctime",
    };

    public static TarEntry Build(byte[] header, Dictionary<string, byte[]> pax, bool hasLocalPax, byte[]? longName, byte[]? longLink, long dataOffset, long size)
    {
        var h = header.AsSpan();
        var magic = h.Slice(257, 8);
        var format = magic.StartsWith("ustar\0"u8) ? "ustar" : magic.SequenceEqual("ustar  \0"u8) || magic.StartsWith("ustar "u8) ? "gnu" : "v7";
        var ustar = format == "ustar";
        var typeFlag = h[156];

        var nameBytes = pax.TryGetValue("GNU.sparse.name", out var sparseName) ? sparseName
            : pax.TryGetValue("path", out var path) ? path
            : longName ?? (ustar && h[345] != 0 ? [.. Field(h.Slice(345, 155)), (byte)'/', .. Field(h[..100])] : Field(h[..100]).ToArray());
        var linkBytes = pax.TryGetValue("linkpath", out var linkPath) ? linkPath : longLink ?? Field(h.Slice(157, 100)).ToArray();

        var type = Classify(typeFlag, nameBytes);
        var sparse = typeFlag == (byte)'S' || pax.Keys.Any(k => k.StartsWith("GNU.sparse.", StringComparison.Ordinal));
        string? atime = null, ctime = null;
        if (format == "gnu" && typeFlag != (byte)'S')
        {
            atime = NonZero(TarNumbers.Parse(h.Slice(345, 12), "atime"));
            ctime = NonZero(TarNumbers.Parse(h.Slice(357, 12), "ctime"));
        }

        return new TarEntry
        {
            Name = EntryNames.Display(nameBytes),
            TypeFlag = typeFlag,
            Type = type,
            Format = hasLocalPax || (pax.Count > 0 && ustar) ? "pax" : format,
            Mode = TarNumbers.Parse(h.Slice(100, 8), "mode"),
            Uid = pax.TryGetValue("uid", out var uid) ? Decimal(uid, "uid") : TarNumbers.Parse(h.Slice(108, 8), "uid"),
            Gid = pax.TryGetValue("gid", out var gid) ? Decimal(gid, "gid") : TarNumbers.Parse(h.Slice(116, 8), "gid"),
            Uname = pax.TryGetValue("uname", out var uname) ? Text(uname) : format == "v7" ? "" : Text(Field(h.Slice(265, 32))),
            Gname = pax.TryGetValue("gname", out var gname) ? Text(gname) : format == "v7" ? "" : Text(Field(h.Slice(297, 32))),
            Mtime = pax.TryGetValue("mtime", out var mtime) ? Time(mtime, "mtime") : TarNumbers.Parse(h.Slice(136, 12), "mtime").ToString(CultureInfo.InvariantCulture),
            Atime = pax.TryGetValue("atime", out var a) ? Time(a, "atime") : atime,
            Ctime = pax.TryGetValue("ctime", out var c) ? Time(c, "ctime") : ctime,
            LinkTarget = type is TarEntryType.Symlink or TarEntryType.Hardlink ? EntryNames.Display(linkBytes) : null,
            Device = type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice && format != "v7"
                ? (TarNumbers.Parse(h.Slice(329, 8), "devmajor"), TarNumbers.Parse(h.Slice(337, 8), "devminor"))
                : null,
            OtherPax = [.. pax.Where(p => !Applied.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, string>(p.Key, Text(p.Value)))],
            DataOffset = dataOffset,
            Size = size,
            Sparse = sparse,
        };
    }

    /// <summary>A pax decimal number (size, uid, gid).</summary>
    public static long Decimal(byte[] value, string name)
    {
        if (!long.TryParse(Encoding.ASCII.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new MalformedInputException($"absurd value in the pax record '{name}'");
        }

        return n;
    }

    private static string Time(byte[] value, string name)
    {
        var text = Encoding.ASCII.GetString(value);
        var whole = text.Split('.')[0];
        if (!long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ||
            (text.Contains('.', StringComparison.Ordinal) && !text[(whole.Length + 1)..].All(char.IsAsciiDigit)))
        {
            throw new MalformedInputException($"absurd value in the pax record '{name}'");
        }

        return text;
    }

    private static TarEntryType Classify(byte flag, byte[] name) => flag switch
    {
        (byte)'0' or 0 when name.Length > 0 && name[^1] == (byte)'/' => TarEntryType.Directory,
        (byte)'0' or 0 or (byte)'7' or (byte)'S' => TarEntryType.File,
        (byte)'1' => TarEntryType.Hardlink,
        (byte)'2' => TarEntryType.Symlink,
        (byte)'3' => TarEntryType.CharacterDevice,
        (byte)'4' => TarEntryType.BlockDevice,
        (byte)'5' or (byte)'D' => TarEntryType.Directory,
        (byte)'6' => TarEntryType.Fifo,
        _ => TarEntryType.Other,
    };

    private static string? NonZero(long value) => value == 0 ? null : value.ToString(CultureInfo.InvariantCulture);

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> raw)
    {
        var end = raw.IndexOf((byte)0);
        return end < 0 ? raw : raw[..end];
    }

    private static string Text(ReadOnlySpan<byte> raw) => EntryNames.Display(raw);
}
