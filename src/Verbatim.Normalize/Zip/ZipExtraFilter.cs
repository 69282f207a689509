using System.Buffers.Binary;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Removes the extra fields that carry times or owners (extended timestamp 0x5455, Info-ZIP Unix 0x5855/0x7855/0x7875,
/// PKWARE Unix 0x000d, NTFS 0x000a) when asked, and always the zip64 field (the writer adds its own); every other
/// field is kept as is.
/// </summary>
internal static class ZipExtraFilter
{
    private const ushort Zip64 = 0x0001;

    private static readonly HashSet<ushort> TimesAndOwners = [0x5455, 0x5855, 0x7855, 0x7875, 0x000d, 0x000a];

    public static byte[] Filter(byte[] extra, bool timesAndOwners, List<string> removed)
    {
        var kept = new List<byte>(extra.Length);
        var at = 0;
        while (at + 4 <= extra.Length)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(at));
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(at + 2));
            if (at + 4 + size > extra.Length)
            {
                break;
            }

            var dropped = timesAndOwners && TimesAndOwners.Contains(id);
            if (dropped)
            {
                removed.Add(Describe(id));
            }
            else if (id != Zip64)
            {
                kept.AddRange(extra.AsSpan(at, 4 + size));
            }

            at += 4 + size;
        }

        if (at < extra.Length)
        {
            removed.Add($"{extra.Length - at} bytes of malformed extra data");
        }

        return [.. kept];
    }

    private static string Describe(ushort id) => id switch
    {
        0x5455 => "extended timestamp (0x5455)",
        0x5855 => "Info-ZIP Unix times and owners (0x5855)",
        0x7855 => "Info-ZIP Unix owners (0x7855)",
        0x7875 => "Info-ZIP Unix uid/gid (0x7875)",
        0x000d => "PKWARE Unix times and owners (0x000d)",
        _ => "NTFS times (0x000a)",
    };
}
