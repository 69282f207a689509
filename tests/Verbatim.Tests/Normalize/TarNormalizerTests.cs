using System.Formats.Tar;
using System.IO.Compression;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Normalize;

public class TarNormalizerTests
{
    [Fact]
    public void Gnu_tar_gz_gets_clamped_mtimes_root_owner_canonical_order_and_fixed_gzip_header()
    {
        using var dir = new TempDir();
        dir.Write("src/z.txt", "zed\n");
        dir.Write("src/a/deep.txt", string.Concat(Enumerable.Repeat("line\n", 1000)));
        Diff.Exec("tar", "--format=gnu --owner=builder:1234 --group=staff:50 -czf ../t.tar.gz z.txt a", dir.File("src"));
        var original = dir.File("t.tar.gz");
        var normalized = Normalizer.Copy(original, "n.tar.gz");
        var outcome = Normalizer.Run(original, check: true);

        Assert.Equal(NormalizeStatus.WouldChange, outcome.Status);
        Assert.Equal("gzip", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c is { Member: "", Field: "member order" });
        Assert.Contains(outcome.Changes, c => c is { Member: "z.txt", Field: "uid", From: "1234", To: "0" });
        Assert.Contains(outcome.Changes, c => c is { Member: "z.txt", Field: "uname", From: "builder" });
        Assert.Contains(outcome.Changes, c => c is { Member: "a/deep.txt", Field: "mtime" });
        var listing = Diff.Exec("tar", $"--numeric-owner -tvzf {normalized}");
        Assert.Equal(
            ["drwxr-xr-x 0/0 0 2020-09-13 12:26 a/", "-rw-r--r-- 0/0 5000 2020-09-13 12:26 a/deep.txt", "-rw-r--r-- 0/0 4 2020-09-13 12:26 z.txt"],
            listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        var bytes = File.ReadAllBytes(normalized);
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, bytes[..10]);
        Normalizer.AssertIdempotent(normalized);
        Normalizer.AssertSameContent(original, normalized);
    }

    [Theory]
    [InlineData("xz", "-J")]
    [InlineData("zstd", "--zstd")]
    [InlineData("bzip2", "-j")]
    public void Tar_inside_xz_zstd_and_bzip2_is_normalized_and_recompressed(string format, string flag)
    {
        using var dir = new TempDir();
        dir.Write("src/b.txt", "bee\n");
        dir.Write("src/a.txt", string.Concat(Enumerable.Repeat("a line\n", 400)));
        Diff.Exec("tar", $"--owner=builder:1000 {flag} -cf ../t.tar.c b.txt a.txt", dir.File("src"));
        var original = dir.File("t.tar.c");
        var normalized = Normalizer.Copy(original, "n.tar.c");
        var outcome = Normalizer.Run(original, check: true);
        Assert.Equal(format, outcome.Handler);
        Assert.Contains(outcome.Changes, c => c is { Member: "b.txt", Field: "uid", From: "1000" });
        Assert.Equal("a.txt\nb.txt\n", Diff.Exec("tar", $"{flag} -tf {normalized}"));
        Normalizer.AssertIdempotent(normalized);
        Normalizer.AssertSameContent(original, normalized);
    }

    [Fact]
    public void Tars_differing_in_format_times_owners_and_order_normalize_to_identical_bytes()
    {
        using var dir = new TempDir();
        WriteTar(dir.File("one.tar"), TarEntryFormat.Pax, ["b.txt", "a/", "a/c.txt"], 1700000000, 1000, "alice");
        WriteTar(dir.File("two.tar"), TarEntryFormat.Gnu, ["a/", "a/c.txt", "b.txt"], 1800000000, 0, "root");
        var one = Normalizer.Copy(dir.File("one.tar"), "one.n.tar");
        var two = Normalizer.Copy(dir.File("two.tar"), "two.n.tar");
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        Diff.Exec("tar", $"-tf {one}");
        Normalizer.AssertIdempotent(one);
        Normalizer.AssertSameContent(dir.File("one.tar"), one);
    }

    [Fact]
    public void Pax_times_are_removed_and_long_names_survive()
    {
        using var dir = new TempDir();
        var longName = string.Join('/', Enumerable.Repeat("directory-with-a-long-name", 8)) + "/file.txt";
        using (var file = File.Create(dir.File("pax.tar")))
        using (var tar = new TarWriter(file, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, longName, new Dictionary<string, string> { ["atime"] = "1800000000.5", ["ctime"] = "1800000001", ["comment"] = "kept" })
            {
                ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1800000000),
                DataStream = new MemoryStream("data"u8.ToArray()),
            };
            tar.WriteEntry(entry);
        }

        var outcome = Normalizer.Run(dir.File("pax.tar"));
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Contains(outcome.Changes, c => c is { Field: "atime", From: "1800000000.5" });
        Assert.Equal(longName + "\n", Diff.Exec("tar", $"-tf {dir.File("pax.tar")}"));
        using var reader = new TarReader(File.OpenRead(dir.File("pax.tar")));
        var read = (PaxTarEntry)reader.GetNextEntry()!;
        Assert.Equal(longName, read.Name);
        Assert.Equal("kept", read.ExtendedAttributes["comment"]);
        Assert.DoesNotContain("atime", read.ExtendedAttributes.Keys);
        Assert.DoesNotContain("ctime", read.ExtendedAttributes.Keys);
        Assert.Equal(Normalizer.Reference, read.ModificationTime.ToUnixTimeSeconds());
    }

    [Fact]
    public void Hard_link_stays_after_its_target()
    {
        using var dir = new TempDir();
        using (var file = File.Create(dir.File("links.tar")))
        using (var tar = new TarWriter(file, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "z-target") { DataStream = new MemoryStream("x"u8.ToArray()) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.HardLink, "a-link") { LinkName = "z-target" });
        }

        Normalizer.Run(dir.File("links.tar"));
        Assert.Equal("z-target\na-link\n", Diff.Exec("tar", $"-tf {dir.File("links.tar")}"));
        Diff.Exec("tar", $"-xf {dir.File("links.tar")} -C {dir.Path}");
        Assert.Equal("x", File.ReadAllText(dir.File("a-link")));
    }

    internal static void WriteTar(string path, TarEntryFormat format, string[] names, long mtime, int uid, string owner)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, format);
        foreach (var name in names)
        {
            var type = name.EndsWith('/') ? TarEntryType.Directory : format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile;
            TarEntry entry = format switch
            {
                TarEntryFormat.Pax => new PaxTarEntry(type, name),
                TarEntryFormat.Gnu => new GnuTarEntry(type, name),
                _ => new UstarTarEntry(type, name),
            };
            entry.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(mtime);
            entry.Uid = uid;
            entry.Gid = uid;
            entry.Mode = type == TarEntryType.Directory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
            if (entry is PosixTarEntry posix)
            {
                posix.UserName = owner;
                posix.GroupName = owner;
            }

            if (type != TarEntryType.Directory)
            {
                entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("content of " + name));
            }

            tar.WriteEntry(entry);
        }
    }

    internal static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
