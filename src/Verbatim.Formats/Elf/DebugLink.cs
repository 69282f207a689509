using Verbatim.Core.Model;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The <c>.gnu_debuglink</c> section: the separate debug file's name and its CRC-32. A differing CRC means the
/// debug file differs (an embedded hash of contents this file does not ship).
/// </summary>
internal static class DebugLink
{
    public static (string File, string Crc) Decode(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var r = new ElfByteReader(bytes, bigEndian, ".gnu_debuglink");
        var file = r.CString();
        r.Skip((4 - (r.Position % 4)) % 4);
        return (file, r.U32().ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
    }

    public static List<Difference> Compare(string path1, string path2, (string File, string Crc) left, (string File, string Crc) right)
    {
        var differences = new List<Difference>();
        if (left.File != right.File)
        {
            differences.Add(Difference.ForField(path1, path2, "debug file", left.File, right.File));
        }

        if (left.Crc != right.Crc)
        {
            differences.Add(Difference.ForField(path1, path2, "debug file CRC-32", left.Crc, right.Crc,
                new Cause(CauseKind.EmbeddedHash, $"the CRC-32 of the separate debug file ({right.File}) differs: that file differs (its debug information, compiler identification)", left.Crc, right.Crc)));
        }

        return differences;
    }
}
