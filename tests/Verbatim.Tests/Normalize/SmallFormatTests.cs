using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Normalize;

public class SmallFormatTests
{
    [Fact]
    public void Gzip_header_loses_mtime_and_name_and_contents_survive()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", string.Concat(Enumerable.Repeat("gzip me\n", 300)));
        Diff.Exec("gzip", "-k -9 a.txt", dir.Path);
        Diff.Exec("gzip", "-c -1 -n a.txt", dir.Path);
        var outcome = Normalizer.Run(dir.File("a.txt.gz"));
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Contains(outcome.Changes, c => c is { Field: "gzip original name", From: "a.txt" });
        Assert.Contains(outcome.Changes, c => c.Field == "gzip mtime");
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, File.ReadAllBytes(dir.File("a.txt.gz"))[..10]);
        Assert.Equal(File.ReadAllText(dir.File("a.txt")), Diff.Exec("gzip", $"-dc {dir.File("a.txt.gz")}"));
        Normalizer.AssertIdempotent(dir.File("a.txt.gz"));
    }

    [Fact]
    public void Gzips_of_the_same_data_at_other_levels_and_times_converge()
    {
        using var dir = new TempDir();
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i}\n")));
        File.WriteAllBytes(dir.File("one.gz"), TarNormalizerTests.Gzip(data));
        dir.Write("two", Encoding.UTF8.GetString(data));
        Diff.Exec("gzip", "-9 two", dir.Path);
        Normalizer.Run(dir.File("one.gz"), with: ["gzip-recompress"]);
        Normalizer.Run(dir.File("two.gz"), with: ["gzip-recompress"]);
        Assert.Equal(File.ReadAllBytes(dir.File("one.gz")), File.ReadAllBytes(dir.File("two.gz")));
    }

    [Fact]
    public void Gzip_whose_contents_need_nothing_keeps_its_deflate_stream_and_gets_a_canonical_header()
    {
        using var dir = new TempDir();
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i}\n")));
        dir.Write("two", Encoding.UTF8.GetString(data));
        Diff.Exec("gzip", "-9 two", dir.Path); // gzip -9 records the name, an mtime and XFL 2
        var original = File.ReadAllBytes(dir.File("two.gz"));
        var headerLength = Array.IndexOf(original, (byte)0, 10) + 1;

        var outcome = Normalizer.Run(dir.File("two.gz"));

        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.All(outcome.Changes, c => Assert.Equal("gzip-header", c.Id));
        var normalized = File.ReadAllBytes(dir.File("two.gz"));
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, normalized[..10]);
        Assert.Equal(original[headerLength..], normalized[10..]);
        Assert.Equal("two", outcome.Changes.Single(c => c.Field == "gzip original name").From);
        Normalizer.AssertIdempotent(dir.File("two.gz"));
    }

    [Fact]
    public void Png_time_and_date_text_chunks_are_removed_other_chunks_kept()
    {
        using var dir = new TempDir();
        var path = dir.Write("i.png", Png.Build(withDates: true));
        var outcome = Normalizer.Run(path);
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Equal(["tIME chunk", "tEXt chunk", "tEXt chunk"], outcome.Changes.Select(c => c.Field));
        Assert.Equal("2024-03-04 05:06:07", outcome.Changes[0].From);
        Assert.Equal(Png.Build(withDates: false), File.ReadAllBytes(path));
        Normalizer.AssertIdempotent(path);
    }

    [Fact]
    public void Mo_dates_after_the_reference_are_clamped_in_place()
    {
        using var dir = new TempDir();
        dir.Write("m.po", "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x 1.0\\n\"\n\"POT-Creation-Date: 2019-01-01 00:00+0000\\n\"\n\"PO-Revision-Date: 2024-05-06 07:08+0200\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n");
        Diff.Exec("msgfmt", "-o m.mo m.po", dir.Path);
        var before = File.ReadAllBytes(dir.File("m.mo"));
        var outcome = Normalizer.Run(dir.File("m.mo"));
        var change = Assert.Single(outcome.Changes);
        Assert.Equal(("PO-Revision-Date", "2024-05-06 07:08+0200"), (change.Field, change.From));
        var after = File.ReadAllBytes(dir.File("m.mo"));
        Assert.Equal(before.Length, after.Length);
        Assert.Contains("PO-Revision-Date: 2020-09-13 12:26+0000\n", Encoding.UTF8.GetString(after), StringComparison.Ordinal);
        Assert.Contains("Bonjour", Diff.Exec("msgunfmt", "m.mo", dir.Path), StringComparison.Ordinal);
        Normalizer.AssertIdempotent(dir.File("m.mo"));
    }

    /// <summary>A 1x1 PNG, optionally with a tIME chunk and two date text chunks.</summary>
    internal static class Png
    {
        public static byte[] Build(bool withDates)
        {
            var png = new MemoryStream();
            png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
            if (withDates)
            {
                Chunk(png, "tIME", [0x07, 0xE8, 3, 4, 5, 6, 7]);
                Chunk(png, "tEXt", Encoding.Latin1.GetBytes("date:create\u00002024-03-04T05:06:07+00:00"));
            }

            Chunk(png, "tEXt", Encoding.Latin1.GetBytes("Software\u0000test"));
            if (withDates)
            {
                Chunk(png, "tEXt", Encoding.Latin1.GetBytes("date:modify\u00002024-03-04T05:06:07+00:00"));
            }

            var idat = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write([0, 0x7F]);
            }

            Chunk(png, "IDAT", idat.ToArray());
            Chunk(png, "IEND", []);
            return png.ToArray();
        }

        public static void Chunk(Stream png, string type, byte[] data)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
            Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
            png.Write(header);
            png.Write(data);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Verbatim.Archives.Crc32.Compute([.. header[4..], .. data]));
            png.Write(crc);
        }
    }
}
