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
            // Debian and Fedora name the separate debug file after the build-id (.build-id/xx/<rest>.debug).
            Cause[] causes = NamedAfterBuildId(left.File) && NamedAfterBuildId(right.File)
                ? [new Cause(CauseKind.BuildId, "the separate debug file is named after the build-id, which differs", left.File, right.File)]
                : [];
            differences.Add(Difference.ForField(path1, path2, "debug file", left.File, right.File, causes));
        }

        if (left.Crc != right.Crc)
        {
            differences.Add(Difference.ForField(path1, path2, "debug file CRC-32", left.Crc, right.Crc,
                new Cause(CauseKind.EmbeddedHash, $"the CRC-32 of the separate debug file ({right.File}) differs: that file differs (its debug information, compiler identification)", left.Crc, right.Crc)));
        }

        return differences;
    }

    /// <summary>
    /// The <c>.gnu_debugaltlink</c> section (written by dwz): the shared debug file's path and its build-id, which is a
    /// hash of that file's contents.
    /// </summary>
    public static List<Difference> CompareAlt(string path1, string path2, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var (fileA, idA) = DecodeAlt(left);
        var (fileB, idB) = DecodeAlt(right);
        var differences = new List<Difference>();
        if (fileA != fileB)
        {
            differences.Add(Difference.ForField(path1, path2, "shared debug file", fileA, fileB));
        }

        if (idA != idB)
        {
            differences.Add(Difference.ForField(path1, path2, "shared debug file build-id", idA, idB,
                new Cause(CauseKind.BuildId, $"the build-id of the shared debug file ({fileB}) differs: dwz derives it from that file's contents", idA, idB)));
        }

        return differences;
    }

    private static (string File, string BuildId) DecodeAlt(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return end < 0
            ? (System.Text.Encoding.UTF8.GetString(bytes), "")
            : (System.Text.Encoding.UTF8.GetString(bytes[..end]), Convert.ToHexStringLower(bytes[(end + 1)..]));
    }

    private static bool NamedAfterBuildId(string file) =>
        file.Length is 38 + 6 or 40 + 6 && file.EndsWith(".debug", StringComparison.Ordinal) && file[..^6].All(char.IsAsciiHexDigitLower);
}
