using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

/// <summary>Corrupt, truncated, encrypted and unsupported inputs are left byte for byte as they were, with the reason.</summary>
public class BadInputTests
{
    [Fact]
    public void Truncated_zip() => AssertLeftUntouched(dir => Cut(GoodZip(dir), 0.6), "end of central directory");

    [Fact]
    public void Zip_with_a_corrupt_entry_crc() => AssertLeftUntouched(dir =>
    {
        var path = GoodZip(dir, CompressionLevel: System.IO.Compression.CompressionLevel.NoCompression);
        var bytes = File.ReadAllBytes(path);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("hello hello", StringComparison.Ordinal);
        bytes[at] ^= 0x20;
        File.WriteAllBytes(path, bytes);
        return path;
    }, "CRC-32 mismatch");

    [Fact]
    public void Encrypted_zip() => AssertLeftUntouched(dir =>
    {
        dir.Write("secret.txt", "secret\n");
        Diff.Exec("zip", "-q -P password enc.zip secret.txt", dir.Path);
        return dir.File("enc.zip");
    }, "encrypted");

    [Fact]
    public void Zip_with_an_unsupported_method() => AssertLeftUntouched(dir =>
    {
        dir.Write("data.txt", string.Concat(Enumerable.Repeat("bzip2 data\n", 100)));
        Diff.Exec("zip", "-q -Z bzip2 bz.zip data.txt", dir.Path);
        return dir.File("bz.zip");
    }, "compression method 12");

    [Fact]
    public void Zip_with_an_apk_signing_block() => AssertLeftUntouched(dir =>
    {
        var path = GoodZip(dir);
        var bytes = File.ReadAllBytes(path).ToList();
        var directory = bytes.Count - 22 - BitConverter.ToInt32([.. bytes.Skip(bytes.Count - 22 + 12).Take(4)]);
        var offset = BitConverter.ToInt32([.. bytes.Skip(bytes.Count - 6).Take(4)]);
        var block = new byte[40];
        "APK Sig Block 42"u8.CopyTo(block.AsSpan(24));
        bytes.InsertRange(offset, block);
        var patched = bytes.ToArray();
        BitConverter.GetBytes(offset + 40).CopyTo(patched, patched.Length - 6);
        File.WriteAllBytes(path, patched);
        _ = directory;
        return path;
    }, "APK signing block");

    [Fact]
    public void Zip_whose_nested_gzip_is_corrupt_is_left_whole() => AssertLeftUntouched(dir =>
    {
        var gz = TarNormalizerTests.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("nested\n", 100))));
        Write(dir.File("outer.zip"), [new Entry("inner.gz", gz[..(gz.Length / 2)], At(2024))]);
        return dir.File("outer.zip");
    }, "inner.gz: truncated");

    [Fact]
    public void Truncated_tar_gz() => AssertLeftUntouched(dir =>
    {
        TarNormalizerTests.WriteTar(dir.File("t.tar"), System.Formats.Tar.TarEntryFormat.Pax, ["a.txt", "b.txt"], 1700000000, 0, "x");
        return dir.Write("t.tar.gz", TarNormalizerTests.Gzip(File.ReadAllBytes(dir.File("t.tar"))[..700]));
    }, "truncated");

    [Fact]
    public void Gzip_cut_short() => AssertLeftUntouched(dir =>
    {
        var gz = TarNormalizerTests.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i}\n"))));
        return dir.Write("cut.gz", gz[..(gz.Length - 20)]);
    }, "gzip");

    [Fact]
    public void Tar_with_a_bad_header_checksum() => AssertLeftUntouched(dir =>
    {
        TarNormalizerTests.WriteTar(dir.File("t.tar"), System.Formats.Tar.TarEntryFormat.Ustar, ["a.txt", "b.txt"], 1700000000, 0, "x");
        var bytes = File.ReadAllBytes(dir.File("t.tar"));
        bytes[1024 + 130] ^= 1;
        return dir.Write("t.tar", bytes);
    }, "checksum");

    [Fact]
    public void Png_with_a_bad_chunk_crc() => AssertLeftUntouched(dir =>
    {
        var png = SmallFormatTests.Png.Build(withDates: true);
        png[^1] ^= 1;
        return dir.Write("bad.png", png);
    }, "bad CRC in the IEND chunk");

    [Fact]
    public void Png_cut_short() => AssertLeftUntouched(dir => dir.Write("cut.png", SmallFormatTests.Png.Build(withDates: true)[..60]), "truncated");

    [Fact]
    public void Mo_whose_tables_do_not_fit() => AssertLeftUntouched(dir =>
    {
        var mo = new byte[28];
        BitConverter.GetBytes(0x950412deu).CopyTo(mo, 0);
        BitConverter.GetBytes(1000).CopyTo(mo, 8);
        BitConverter.GetBytes(28).CopyTo(mo, 12);
        BitConverter.GetBytes(28).CopyTo(mo, 16);
        return dir.Write("bad.mo", mo);
    }, "do not fit");

    [Fact]
    public void Truncated_ar() => AssertLeftUntouched(dir =>
    {
        dir.Write("a.o", string.Concat(Enumerable.Repeat("object\n", 50)));
        Diff.Exec("ar", "rc lib.a a.o", dir.Path);
        return Cut(dir.File("lib.a"), 0.5);
    }, "truncated");

    private static void AssertLeftUntouched(Func<TempDir, string> make, string reason)
    {
        using var dir = new TempDir();
        var path = make(dir);
        var before = File.ReadAllBytes(path);
        var files = Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal).ToList();
        var outcome = Normalizer.Run(path);
        Assert.Equal(NormalizeStatus.Failed, outcome.Status);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(outcome.Changes);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(files, Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
    }

    private static string GoodZip(TempDir dir, System.IO.Compression.CompressionLevel CompressionLevel = System.IO.Compression.CompressionLevel.Optimal)
    {
        var path = dir.File("good.zip");
        Write(path, [new Entry("a.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello hello\n", 200))), At(2024), CompressionLevel), Text("b.txt", "b", At(2024))]);
        return path;
    }

    private static string Cut(string path, double fraction)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }
}
