using System.IO.Compression;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

public class ZipNormalizerTests
{
    [Fact]
    public void Info_zip_archive_gets_clamped_times_no_owner_extras_canonical_order_and_stays_valid()
    {
        using var dir = new TempDir();
        dir.Write("src/b.txt", "bee\n");
        dir.Write("src/a/x.txt", string.Concat(Enumerable.Repeat("some text\n", 500)));
        dir.Write("src/c.sh", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(dir.File("src/c.sh"), (UnixFileMode)0b111_101_000);
        Diff.Exec("zip", "-qr ../t.zip b.txt c.sh a", dir.File("src"));
        var original = dir.File("t.zip");
        var normalized = Normalizer.Copy(original, "n.zip");
        var outcome = Normalizer.Run(original, check: true);

        Assert.Equal(NormalizeStatus.WouldChange, outcome.Status);
        Assert.Contains(outcome.Changes, c => c is { Member: "", Field: "entry order" });
        Assert.Contains(outcome.Changes, c => c is { Member: "b.txt", Field: "extra field", From: "extended timestamp (0x5455)" });
        Assert.Contains(outcome.Changes, c => c is { Member: "b.txt", Field: "extra field", From: "Info-ZIP Unix uid/gid (0x7875)" });
        Assert.Contains(outcome.Changes, c => c is { Member: "c.sh", Field: "permissions", To: "unix 100755, attributes 0x0000" });
        Diff.Exec("unzip", $"-tq {normalized}");
        Diff.Exec("python3", $"-m zipfile -t {normalized}");
        using (var zip = ZipFile.OpenRead(normalized))
        {
            Assert.Equal(["a/", "a/x.txt", "b.txt", "c.sh"], zip.Entries.Select(e => e.FullName));
            Assert.All(zip.Entries, e => Assert.True(e.LastWriteTime <= DateTimeOffset.FromUnixTimeSeconds(Normalizer.Reference)));
            Assert.Equal(0b111_101_101, (zip.Entries[3].ExternalAttributes >> 16) & 0x1FF);
            Assert.Equal(0b110_100_100, (zip.Entries[2].ExternalAttributes >> 16) & 0x1FF);
        }

        Normalizer.AssertIdempotent(normalized);
        Normalizer.AssertSameContent(original, normalized);
    }

    [Fact]
    public void Zips_differing_only_in_times_and_order_normalize_to_identical_bytes()
    {
        using var dir = new TempDir();
        Write(dir.File("one.zip"), [Text("b.txt", "b", At(2024)), Text("a/", "", At(2024)), Text("a/x.txt", "x", At(2024, 5))], "kept comment");
        Write(dir.File("two.zip"), [Text("a/x.txt", "x", At(2025, 2)), Text("b.txt", "b", At(2023)), Text("a/", "", At(2026))], "kept comment");
        var one = Normalizer.Copy(dir.File("one.zip"), "one.n.zip");
        var two = Normalizer.Copy(dir.File("two.zip"), "two.n.zip");
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        using var zip = ZipFile.OpenRead(one);
        Assert.Equal("kept comment", zip.Comment);
    }

    [Fact]
    public void Times_before_the_reference_are_kept()
    {
        using var dir = new TempDir();
        Write(dir.File("old.zip"), [Text("a.txt", "a", At(2010, 6, 1, 10))]);
        var normalized = Normalizer.Copy(dir.File("old.zip"), "n.zip");
        using var zip = ZipFile.OpenRead(normalized);
        Assert.Equal(At(2010, 6, 1, 10).UtcDateTime, zip.Entries[0].LastWriteTime.UtcDateTime);
    }

    [Fact]
    public void Odf_mimetype_stays_first_and_stored()
    {
        using var dir = new TempDir();
        Write(dir.File("doc.odt"), [
            new Entry("mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray(), At(2024), CompressionLevel.Optimal),
            Text("content.xml", "<office:document-content/>", At(2024)),
            Text("META-INF/manifest.xml", "<manifest/>", At(2024))]);
        Assert.Contains(Normalizer.Run(dir.File("doc.odt"), check: true).Changes, c => c is { Member: "mimetype", Field: "compression" });
        var normalized = Normalizer.Copy(dir.File("doc.odt"), "n.odt");
        var bytes = File.ReadAllBytes(normalized);
        Assert.Equal("mimetype"u8.ToArray(), bytes[30..38]);
        Assert.Equal(0, bytes[8]);
        Assert.Equal("application/vnd.oasis.opendocument.text"u8.ToArray(), bytes[38..77]);
        Normalizer.AssertIdempotent(normalized);
        Normalizer.AssertSameZipEntries(dir.File("doc.odt"), normalized); // the engine sees "zip" vs "odf": a deflated mimetype is not ODF
    }

    [Fact]
    public void Jar_inside_a_war_is_normalized_too_and_a_symlinked_war_stays_a_link()
    {
        using var dir = new TempDir();
        Write(dir.File("lib.jar"), [Text("b.class", "b", At(2024)), Text("a.class", "a", At(2025))]);
        Write(dir.File("app.war"), [new Entry("WEB-INF/lib/lib.jar", File.ReadAllBytes(dir.File("lib.jar")), At(2024))]);
        File.CreateSymbolicLink(dir.File("link.war"), dir.File("app.war"));
        var outcome = Normalizer.Run(dir.File("link.war"));
        Assert.Equal("jar", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c is { Member: "WEB-INF/lib/lib.jar", Field: "entry order" });
        Assert.Contains(outcome.Changes, c => c is { Member: "WEB-INF/lib/lib.jar/a.class", Field: "mtime" });
        Assert.NotNull(new FileInfo(dir.File("link.war")).LinkTarget);
        using var war = ZipFile.OpenRead(dir.File("app.war"));
        using var inner = new ZipArchive(war.Entries[0].Open());
        Assert.Equal(["a.class", "b.class"], inner.Entries.Select(e => e.FullName));
        Normalizer.AssertIdempotent(dir.File("app.war"));
    }

    [Fact]
    public void Nested_gzip_member_is_normalized_through_the_registry()
    {
        using var dir = new TempDir();
        dir.Write("notes.txt", "release notes\n");
        Diff.Exec("gzip", "-k notes.txt", dir.Path);
        Write(dir.File("bundle.zip"), [new Entry("notes.txt.gz", File.ReadAllBytes(dir.File("notes.txt.gz")), At(2024))]);
        var outcome = Normalizer.Run(dir.File("bundle.zip"));
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Contains(outcome.Changes, c => c is { Member: "notes.txt.gz", Field: "gzip original name", From: "notes.txt" });
        using var zip = ZipFile.OpenRead(dir.File("bundle.zip"));
        using var inner = new GZipStream(zip.Entries[0].Open(), CompressionMode.Decompress);
        Assert.Equal("release notes\n", new StreamReader(inner).ReadToEnd());
        Normalizer.AssertIdempotent(dir.File("bundle.zip"));
    }
}
