using System.Globalization;
using System.Text;
using Verbatim.Archives.Zip;
using Verbatim.Archives;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;
using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Formats.Zip;

/// <summary>
/// Decodes the extra fields of an entry into member fields: the extended timestamp (0x5455), Info-ZIP Unix
/// owners (0x7875) and old Unix times/owners (0x5855), NTFS times (0x000a), the Unicode path (0x7075); any
/// other block is listed by id and length, with its bytes when short.
/// </summary>
internal static class ZipExtraFields
{
    private const int ShownBytes = 32;

    /// <summary>The local header's extra fields, then the central directory's ones that add to or disagree with them.</summary>
    public static IEnumerable<MemberField> Merge(ReadOnlySpan<byte> local, ReadOnlySpan<byte> central)
    {
        var fromLocal = Describe(local);
        var merged = new List<MemberField>(fromLocal);
        foreach (var field in Describe(central))
        {
            var same = fromLocal.Find(f => f.Name == field.Name);
            if (same is null || same.Value != field.Value)
            {
                merged.Add(field with { Name = field.Name + " (central)" });
            }
        }

        return merged;
    }

    public static List<MemberField> Describe(ReadOnlySpan<byte> extra)
    {
        var fields = new List<MemberField>();
        if (extra.Length == 0)
        {
            return fields;
        }

        var seen = new Dictionary<ushort, int>();
        var blocks = ZipExtraBlocks.Split(extra, out var stray);
        foreach (var (id, data) in blocks)
        {
            var count = seen[id] = seen.GetValueOrDefault(id) + 1;
            var suffix = count == 1 ? "" : $" #{count}";
            foreach (var field in Decode(id, data))
            {
                fields.Add(field with { Name = field.Name + suffix });
            }
        }

        if (stray > 0)
        {
            fields.Add(new MemberField("extra field", $"{stray} stray bytes after the last block"));
        }

        return fields;
    }

    private static IEnumerable<MemberField> Decode(ushort id, byte[] data)
    {
        switch (id)
        {
            case 0x0001:
                // Zip64 sizes: already shown as sizes.
                yield break;
            case 0x5455:
                var at = 1;
                string[] names = ["mtime", "atime", "ctime"];
                for (var bit = 0; bit < 3 && data.Length > 0; bit++)
                {
                    if ((data[0] & (1 << bit)) != 0 && at + 4 <= data.Length)
                    {
                        yield return Time($"{names[bit]} (extra 0x5455)", (int)U32(data, at));
                        at += 4;
                    }
                }

                yield break;
            case 0x7875 when data.Length >= 3 && data[0] == 1:
                var uidSize = data[1];
                if (uidSize <= 8 && 2 + uidSize < data.Length && data[2 + uidSize] <= 8 && 3 + uidSize + data[2 + uidSize] <= data.Length)
                {
                    var uid = Number(data.AsSpan(2, uidSize));
                    var gid = Number(data.AsSpan(3 + uidSize, data[2 + uidSize]));
                    yield return new MemberField("uid/gid (extra 0x7875)", $"uid {uid}, gid {gid}", CauseKind.Ownership);
                    yield break;
                }

                break;
            case 0x7875 when data.Length == 0:
                // Info-ZIP leaves it empty in the central directory.
                yield break;
            case 0x5855 when data.Length >= 8:
                yield return Time("atime (extra 0x5855)", (int)U32(data, 0));
                yield return Time("mtime (extra 0x5855)", (int)U32(data, 4));
                if (data.Length >= 12)
                {
                    yield return new MemberField("uid/gid (extra 0x5855)", $"uid {U16(data, 8)}, gid {U16(data, 10)}", CauseKind.Ownership);
                }

                yield break;
            case 0x000a when data.Length >= 32 && U16(data, 4) == 1 && U16(data, 6) >= 24:
                yield return FileTime("mtime (extra 0x000a NTFS)", U64(data, 8));
                yield return FileTime("atime (extra 0x000a NTFS)", U64(data, 16));
                yield return FileTime("ctime (extra 0x000a NTFS)", U64(data, 24));
                yield break;
            case 0x7075 or 0x6375 when data.Length >= 5 && data[0] == 1:
                var what = id == 0x7075 ? "unicode path" : "unicode comment";
                yield return new MemberField($"{what} (extra 0x{id:x4})", MemberNames.Display(data.AsSpan(5)));
                yield break;
        }

        yield return new MemberField($"extra 0x{id:x4}", Raw(data));
    }

    private static MemberField Time(string name, long seconds) => new(name, Timestamps.Describe(seconds), CauseKind.Timestamp);

    private static MemberField FileTime(string name, ulong ticks)
    {
        const ulong unixEpochTicks = 116444736000000000;
        var value = ticks >= unixEpochTicks
            ? Timestamps.Describe((long)((ticks - unixEpochTicks) / 10_000_000))
            : $"FILETIME {ticks.ToString(CultureInfo.InvariantCulture)}";
        return new MemberField(name, value, CauseKind.Timestamp);
    }

    private static ulong Number(ReadOnlySpan<byte> littleEndian)
    {
        ulong value = 0;
        for (var i = littleEndian.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | littleEndian[i];
        }

        return value;
    }

    private static string Raw(byte[] data)
    {
        var text = new StringBuilder().Append(data.Length).Append(data.Length == 1 ? " byte" : " bytes");
        if (data.Length == 0)
        {
            return text.ToString();
        }

        return data.Length <= ShownBytes
            ? text.Append(": ").Append(Convert.ToHexStringLower(data)).ToString()
            : text.Append(", crc-32 ").Append(Crc32.Compute(data).ToString("x8", CultureInfo.InvariantCulture)).ToString();
    }
}
