using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Verbatim.Archives;
using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Formats.Zip;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Formats.Zip.ZipFixtures;

namespace Verbatim.Tests.Formats.Zip;

public class ZipReaderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        var data = Enumerable.Range(0, 1001).Select(i => (byte)(i * 31)).ToArray();
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    [Fact]
    public void Code_page_437_table_matches_the_platform_encoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var expected = Encoding.GetEncoding(437).GetString(Enumerable.Range(0x80, 128).Select(i => (byte)i).ToArray());
        Assert.Equal(expected, ZipText.DecodeCp437(Enumerable.Range(0x80, 128).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void Zip64_archives_made_by_info_zip_are_read()
    {
        using var dir = new TempDir();
        dir.Write("src/x.txt", "x\n");
        // Reading from a pipe makes Info-ZIP write zip64 records (it cannot know the size in advance).
        Diff.Exec("sh", $"-c \"cat x.txt | zip -q -X {dir.File("a.zip")} -\"", dir.File("src"));
        using var stream = File.OpenRead(dir.File("a.zip"));
        var directory = ZipDirectoryReader.Read(stream, stream.Length);
        Assert.Single(directory.Entries);
        Assert.Equal("-", directory.Entries[0].Name);
    }

    [Fact]
    public void Prepended_stub_is_accounted_for_by_the_offset_bias()
    {
        var zip = BuildZip(new Entry("a.txt", "a"), new Entry("b.txt", "b"));
        var stub = Encoding.ASCII.GetBytes("MZ not really a stub\n");
        byte[] whole = [.. stub, .. zip];
        using var stream = new MemoryStream(whole);
        var directory = ZipDirectoryReader.Read(stream, whole.Length);
        Assert.Equal(stub.Length, directory.Bias);
        Assert.Equal(stub.Length, directory.FirstEntryStart);
        Assert.Equal(["a.txt", "b.txt"], directory.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Twenty_thousand_entries_are_compared_quickly()
    {
        using var dir = new TempDir();
        byte[] Many(string last)
        {
            using var memory = new MemoryStream();
            using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < 20_000; i++)
                {
                    var entry = archive.CreateEntry($"dir{i % 100}/file{i}.txt", CompressionLevel.Fastest);
                    entry.LastWriteTime = Time;
                    using var s = entry.Open();
                    s.Write(Encoding.ASCII.GetBytes(i == 19_999 ? last : $"content {i}\n"));
                }
            }

            return memory.ToArray();
        }

        var a = dir.Write("a.zip", Many("one\n"));
        var b = dir.Write("b.zip", Many("two\n"));
        Diff.Run(a, b);
        var watch = Stopwatch.StartNew();
        var result = Diff.Run(a, b);
        watch.Stop();
        Assert.Single(result.Root.All(), d => d.Kind == Verbatim.Core.Model.DifferenceKind.Text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
