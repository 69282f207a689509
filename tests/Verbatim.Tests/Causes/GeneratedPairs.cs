using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Verbatim.Archives;
using Verbatim.Tests.Formats.Elf;

namespace Verbatim.Tests.Causes;

/// <summary>
/// The corpus pairs the tests make, by name (the names <c>labels.json</c> uses): two directories, <c>a</c> and
/// <c>b</c>, made the way real builds make them (gcc with another SOURCE_DATE_EPOCH, gzip headers with other times,
/// tars with other mtimes …). Their true causes are labelled by hand in labels.json.
/// </summary>
public static class GeneratedPairs
{
    public const long Epoch1 = 1700000000; // 2023-11-14 22:13:20 UTC

    public const long Epoch2 = 1710259217; // 2024-03-12 16:00:17 UTC

    public static (string A, string B) Make(string name, string dir)
    {
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        switch (name)
        {
            case "c-date": CDate(dir, a, b); break;
            case "elf-build-id": BuildIds(dir, a, b); break;
            case "elf-toolchain": Toolchains(dir, a, b); break;
            case "c-build-path": BuildPaths(dir, a, b); break;
            case "gzip": Gzips(a, b); break;
            case "tar": Tars(a, b); break;
            case "zip": Zips(a, b); break;
            case "text": CorpusTexts.Write(a, b); break;
            case "proc-files": ProcFiles(a, b); break;
            default: throw new ArgumentException($"no generator named {name}", nameof(name));
        }

        return (a, b);
    }

    private static readonly (string Name, string Source)[] DatedPrograms =
    [
        ("stamp", "#include <stdio.h>\nconst char *stamp = \"built \" __DATE__ \" \" __TIME__;\nint main(void) { puts(stamp); return 0; }\n"),
        ("printf", "#include <stdio.h>\nint main(void) { printf(\"%s at %s\\n\", __DATE__, __TIME__); return 0; }\n"),
        ("version", "#include <stdio.h>\nstatic const char version[] = \"tool 1.0 (compiled \" __DATE__ \")\";\nint main(void) { puts(version); return 0; }\n"),
        ("timestamp", "#include <stdio.h>\nint main(void) { puts(\"source of \" __TIMESTAMP__); return 0; }\n"),
    ];

    /// <summary>The same programs built twice, at two SOURCE_DATE_EPOCHs (gcc's __DATE__ and __TIME__) and with two source mtimes (__TIMESTAMP__).</summary>
    private static void CDate(string dir, string a, string b)
    {
        foreach (var (name, source) in DatedPrograms)
        {
            foreach (var (output, epoch) in new[] { (a, Epoch1), (b, Epoch2) })
            {
                var src = Path.Combine(dir, $"src-{name}");
                Directory.CreateDirectory(src);
                var file = Path.Combine(src, "prog.c");
                File.WriteAllText(file, source);
                File.SetLastWriteTimeUtc(file, DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime);
                Gcc.RunAt(epoch, "gcc", src, "-O2", "-o", Path.Combine(output, name), "prog.c");
            }
        }
    }

    /// <summary>The same programs linked with other build-ids.</summary>
    private static void BuildIds(string dir, string a, string b)
    {
        var src = Path.Combine(dir, "src");
        Directory.CreateDirectory(src);
        var programs = new[] { Gcc.Program, DatedPrograms[0].Source.Replace("__DATE__ \" \" __TIME__", "\"fixed\"", StringComparison.Ordinal), "int main(void) { return 3; }\n" };
        for (var i = 0; i < programs.Length; i++)
        {
            File.WriteAllText(Path.Combine(src, $"p{i}.c"), programs[i]);
            Gcc.Run("gcc", src, "-O2", $"-Wl,--build-id=0x{i}0123456789abcdef", "-o", Path.Combine(a, $"p{i}"), $"p{i}.c");
            Gcc.Run("gcc", src, "-O2", $"-Wl,--build-id=0x{i}fedcba9876543210", "-o", Path.Combine(b, $"p{i}"), $"p{i}.c");
        }
    }

    /// <summary>
    /// The same program as two revisions of the compiler would leave it: the GCC identification in .comment names
    /// another Debian revision (set with objcopy, keeping the size, so nothing else moves).
    /// </summary>
    private static void Toolchains(string dir, string a, string b)
    {
        var src = Path.Combine(dir, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "p.c"), Gcc.Program);
        Gcc.Run("gcc", src, "-O2", "-o", Path.Combine(a, "prog"), "p.c");
        Gcc.Run("objcopy", src, "--dump-section", ".comment=comment", Path.Combine(a, "prog"), Path.Combine(src, "dumped"));
        var comment = File.ReadAllBytes(Path.Combine(src, "comment"));
        var close = Array.IndexOf(comment, (byte)')');
        comment[close - 1] = comment[close - 1] == (byte)'9' ? (byte)'8' : (byte)(comment[close - 1] + 1);
        File.WriteAllBytes(Path.Combine(src, "comment"), comment);
        Gcc.Run("objcopy", src, "--update-section", ".comment=comment", Path.Combine(a, "prog"), Path.Combine(b, "prog"));
    }

    /// <summary>The same sources built with debug information in two build directories (__FILE__ and DWARF record them).</summary>
    private static void BuildPaths(string dir, string a, string b)
    {
        const string source = "#include <stdio.h>\nint main(void) { printf(\"%s\\n\", __FILE__); return 0; }\n";
        foreach (var (output, build) in new[] { (a, "build-a1b2c3"), (b, "build-x9y8z7") })
        {
            var src = Path.Combine(dir, build, "src");
            Directory.CreateDirectory(src);
            File.WriteAllText(Path.Combine(src, "where.c"), source);
            Gcc.Run("gcc", src, "-g", "-O1", "-o", Path.Combine(output, "where"), Path.Combine(src, "where.c"));
        }
    }

    /// <summary>gzip files: the same content with other header times; a changed content; the same content compressed at another level.</summary>
    private static void Gzips(string a, string b)
    {
        var texts = new[] { "hello, world\n", string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n")), "# changelog\n\n * a change\n", "{\"k\": [1, 2, 3]}\n" };
        for (var i = 0; i < texts.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(a, $"same{i}.gz"), Gzip(Encoding.UTF8.GetBytes(texts[i]), (uint)Epoch1 + (uint)i, CompressionLevel.Optimal));
            File.WriteAllBytes(Path.Combine(b, $"same{i}.gz"), Gzip(Encoding.UTF8.GetBytes(texts[i]), (uint)Epoch2 + (uint)i, CompressionLevel.Optimal));
        }

        File.WriteAllBytes(Path.Combine(a, "changed.gz"), Gzip(Encoding.UTF8.GetBytes(texts[1]), (uint)Epoch1, CompressionLevel.Optimal));
        File.WriteAllBytes(Path.Combine(b, "changed.gz"), Gzip(Encoding.UTF8.GetBytes(texts[1].Replace("line 250", "line 2.5", StringComparison.Ordinal)), (uint)Epoch2, CompressionLevel.Optimal));
        File.WriteAllBytes(Path.Combine(a, "level.gz"), Gzip(Encoding.UTF8.GetBytes(texts[1]), 0, CompressionLevel.SmallestSize));
        File.WriteAllBytes(Path.Combine(b, "level.gz"), Gzip(Encoding.UTF8.GetBytes(texts[1]), 0, CompressionLevel.Fastest));
    }

    /// <summary>A gzip member as gzip writes it: header with MTIME, XFL and OS, deflate data, CRC-32 and size.</summary>
    public static byte[] Gzip(byte[] content, uint mtime, CompressionLevel level)
    {
        using var output = new MemoryStream();
        var xfl = level switch { CompressionLevel.SmallestSize => (byte)2, CompressionLevel.Fastest => (byte)4, _ => (byte)0 };
        output.Write([0x1f, 0x8b, 8, 0, (byte)mtime, (byte)(mtime >> 8), (byte)(mtime >> 16), (byte)(mtime >> 24), xfl, 3]);
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(content);
        }

        var crc = Crc32.Compute(content);
        output.Write(BitConverter.GetBytes(crc));
        output.Write(BitConverter.GetBytes((uint)content.Length));
        return output.ToArray();
    }

    /// <summary>
    /// Tars of the same files with other mtimes; one file holds its build time as a 4-byte field (as some formats
    /// do), another a table of times that changed for another reason (as a zone file's transitions do).
    /// </summary>
    private static void Tars(string a, string b)
    {
        foreach (var (dir, epoch, table) in new[] { (a, Epoch1, new uint[] { 1711846800, 1727571600, 1743296400 }), (b, Epoch2, new uint[] { 1711846800, 1729990800, 1745715600 }) })
        {
            using var stream = File.Create(Path.Combine(dir, "files.tar"));
            using var writer = new TarWriter(stream, TarEntryFormat.Ustar);
            for (var i = 0; i < 10; i++)
            {
                Add(writer, $"usr/share/doc/file{i}.txt", Encoding.UTF8.GetBytes($"file {i}\n"), epoch);
            }

            var stamp = new byte[64];
            "STMP"u8.CopyTo(stamp);
            BitConverter.GetBytes((uint)epoch).CopyTo(stamp, 8);
            Add(writer, "usr/lib/tool/stamp.bin", stamp, epoch);
            var zone = new byte[48];
            "TZif2"u8.CopyTo(zone);
            for (var i = 0; i < table.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(zone.AsSpan(20 + (4 * i)), table[i]);
            }

            Add(writer, "usr/share/zoneinfo/Test/Zone", zone, epoch);
            Add(writer, "usr/share/tool/build.json", Encoding.UTF8.GetBytes($"{{\"name\": \"tool\", \"timestamp\": {epoch}}}\n"), epoch);

            // Packed by another user, under another umask.
            var first = dir == a;
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "usr/bin/tool")
            {
                DataStream = new MemoryStream("#!/bin/sh\n"u8.ToArray()),
                ModificationTime = DateTimeOffset.FromUnixTimeSeconds(Epoch1),
                Mode = first ? (UnixFileMode)0x1ed : (UnixFileMode)0x1fd, // 0755 : 0775
                Uid = first ? 0 : 1000,
                Gid = first ? 0 : 1000,
                UserName = first ? "root" : "builder",
                GroupName = first ? "root" : "builder",
            });
        }

        static void Add(TarWriter writer, string name, byte[] content, long mtime) => writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(mtime),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
    }

    /// <summary>Zips whose members' times differ, half of whose members' contents changed, and one member stored instead of deflated.</summary>
    private static void Zips(string a, string b)
    {
        foreach (var (dir, epoch, side) in new[] { (a, Epoch1, 0), (b, Epoch2, 1) })
        {
            using var zip = ZipFile.Open(Path.Combine(dir, "app.zip"), ZipArchiveMode.Create);
            for (var i = 0; i < 8; i++)
            {
                var text = string.Concat(Enumerable.Range(0, 40).Select(n => $"entry {i} line {n}\n")) + (i % 2 == 1 && side == 1 ? "an added line with more words in it\n" : "");
                Add(zip, $"lib/part{i}.txt", text, epoch, CompressionLevel.Optimal);
            }

            Add(zip, "lib/stored.txt", string.Concat(Enumerable.Range(0, 40).Select(n => $"same {n}\n")), epoch, side == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        }

        static void Add(ZipArchive zip, string name, string text, long epoch, CompressionLevel level)
        {
            var entry = zip.CreateEntry(name, level);
            entry.LastWriteTime = new DateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.Ticks, TimeSpan.Zero);
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Two unrelated texts of the machine, copied to files: nothing in them is a build's doing.</summary>
    private static void ProcFiles(string a, string b)
    {
        File.WriteAllText(Path.Combine(a, "info"), File.ReadAllText("/proc/cpuinfo"));
        File.WriteAllText(Path.Combine(b, "info"), File.ReadAllText("/proc/version"));
    }
}
