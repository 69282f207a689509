using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Archives.Ar;
using Verbatim.Archives.Tar;
using Verbatim.Core.Compression;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// Reads what a .deb (or a .tar.* source part) reveals, in memory and without extracting: the ar members' times,
/// the compilers named by its ELF files' <c>.comment</c> sections (kept in -dbgsym debug files, stripped from binaries),
/// its control file, and one member's bytes or text.
/// </summary>
internal static partial class DebArchive
{
    /// <summary>The largest member read into memory.</summary>
    private const long MaxMember = 256L << 20;

    /// <summary>The newest ar member time of a .deb (dpkg-deb writes SOURCE_DATE_EPOCH, or the build time).</summary>
    public static long? NewestMemberTime(string deb)
    {
        try
        {
            using var stream = File.OpenRead(deb);
            return new ArReader(stream).Entries().Select(e => (long?)e.Mtime).Max();
        }
        catch (Exception e) when (e is IOException or Verbatim.Core.IO.MalformedInputException)
        {
            return null;
        }
    }

    /// <summary>Distinct <c>GCC: (…) …</c> strings found in the ELF files of the .deb's data tar.</summary>
    public static IReadOnlyList<string> Compilers(string deb)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, bytes) in DataFiles(deb, head => head.Length >= 4 && head[0] == 0x7f && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F'))
        {
            foreach (Match match in GccComment().Matches(Encoding.Latin1.GetString(bytes)))
            {
                found.Add(match.Value);
            }
        }

        return [.. found];
    }

    /// <summary>The regular files of a .deb's data.tar.* whose first bytes satisfy <paramref name="wanted"/>, with their bytes.</summary>
    private static List<(string Name, byte[] Bytes)> DataFiles(string deb, Func<byte[], bool> wanted) => Members(deb, "data.tar", _ => true, wanted);

    /// <summary>The bytes of the first regular file of the .deb's data.tar.* whose name satisfies <paramref name="name"/>, or null.</summary>
    public static byte[]? DataMember(string deb, Func<string, bool> name) => Members(deb, "data.tar", name, _ => true, first: true).Select(m => m.Bytes).FirstOrDefault();

    /// <summary>The .deb's <c>control</c> file (in control.tar.*), or null.</summary>
    public static ControlFile? Control(string deb) =>
        Members(deb, "control.tar", n => n is "./control" or "control", _ => true, first: true).Select(m => ControlFile.Parse(Encoding.UTF8.GetString(m.Bytes))).FirstOrDefault();

    private static List<(string Name, byte[] Bytes)> Members(string deb, string tarPrefix, Func<string, bool> name, Func<byte[], bool> wanted, bool first = false)
    {
        var list = new List<(string, byte[])>();
        try
        {
            using var stream = File.OpenRead(deb);
            var data = new ArReader(stream).Entries().FirstOrDefault(e => e.Name.StartsWith(tarPrefix, StringComparison.Ordinal));
            if (data is null)
            {
                return list;
            }

            stream.Position = data.DataOffset;
            var compressed = new byte[data.Size];
            stream.ReadExactly(compressed);
            using var tar = Open(compressed);
            var reader = new TarReader(tar);
            foreach (var entry in reader.Entries())
            {
                if (entry.Type != TarEntryType.File || entry.Size < 4 || entry.Size > MaxMember || !name(entry.Name))
                {
                    continue;
                }

                using var member = reader.OpenData(entry);
                var bytes = new byte[entry.Size];
                member.ReadExactly(bytes);
                if (wanted(bytes))
                {
                    list.Add((entry.Name, bytes));
                    if (first)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Verbatim.Core.IO.MalformedInputException or EndOfStreamException)
        {
        }

        return list;
    }

    /// <summary>The text of the first member of a (compressed) tar whose name ends with <paramref name="suffix"/>, at most 1 MiB.</summary>
    public static string? TarMemberText(string path, string suffix)
    {
        try
        {
            using var tar = Open(File.ReadAllBytes(path));
            var reader = new TarReader(tar);
            foreach (var entry in reader.Entries())
            {
                if (entry.Type == TarEntryType.File && entry.Name.EndsWith(suffix, StringComparison.Ordinal) && entry.Size <= 1 << 20)
                {
                    using var member = reader.OpenData(entry);
                    var bytes = new byte[entry.Size];
                    member.ReadExactly(bytes);
                    return Encoding.UTF8.GetString(bytes);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Verbatim.Core.IO.MalformedInputException or EndOfStreamException)
        {
        }

        return null;
    }

    private static MemoryStream Open(byte[] compressed)
    {
        var format = Decompressors.Detect(compressed.AsSpan(0, Math.Min(compressed.Length, 16)));
        if (format is null)
        {
            return new MemoryStream(compressed);
        }

        using var decoder = Decompressors.Open(format, new MemoryStream(compressed));
        var output = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = decoder.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxMember * 4)
            {
                throw new InvalidDataException("expands beyond the limit");
            }
        }

        output.Position = 0;
        return output;
    }

    [GeneratedRegex(@"GCC: \([^)\x00]{1,80}\) [0-9][0-9A-Za-z.+~-]{0,40}")]
    private static partial Regex GccComment();
}
