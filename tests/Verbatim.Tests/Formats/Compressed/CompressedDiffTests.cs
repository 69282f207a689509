using Verbatim.Core.Model;
using Verbatim.Formats.Compressed;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Compressed;

public class CompressedDiffTests
{
    [Fact]
    public void Tgz_with_same_tar_and_different_deflate_has_only_a_compression_cause()
    {
        using var dir = new TempDir();
        Fixtures.Tar(dir, "x.tar");
        Fixtures.Sh(dir, "gzip -n -1 -c x.tar > a.tgz && gzip -n -9 -c x.tar > b.tgz");
        var result = Diff.Run(dir.File("a.tgz"), dir.File("b.tgz"));
        var leaves = result.Root.All().Where(d => d.Children.Count == 0).ToList();
        var stream = Assert.Single(leaves);
        Assert.Equal(DifferenceKind.Field, stream.Kind);
        Assert.Equal(CompressedComparer.StreamField, stream.Field);
        var cause = Assert.Single(result.Causes());
        Assert.Equal(CauseKind.Compression, cause.Kind);
        Assert.Contains("same content, compressed differently", cause.Explanation, StringComparison.Ordinal);
        Assert.Contains("xfl 4 (fastest, -1)", stream.Left, StringComparison.Ordinal);
        Assert.Contains("xfl 2 (maximum compression, -9)", stream.Right, StringComparison.Ordinal);
        Assert.Equal("gzip", result.Root!.Format);
    }

    [Fact]
    public void Same_settings_different_deflate_stream_is_one_compression_difference()
    {
        using var dir = new TempDir();
        var tar = File.ReadAllBytes(Fixtures.Tar(dir, "x.tar"));
        Fixtures.Sh(dir, "gzip -n -6 -c x.tar > a.tgz");
        // .NET's zlib-ng writes another deflate stream for the same bytes; give it gzip's header.
        var other = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(other, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(tar);
        }

        var bytes = other.ToArray();
        File.ReadAllBytes(dir.File("a.tgz")).AsSpan(0, 10).CopyTo(bytes);
        dir.Write("b.tgz", bytes);
        var result = Diff.Run(dir.File("a.tgz"), dir.File("b.tgz"));
        var leaf = Assert.Single(result.Root.All(), d => d.Children.Count == 0);
        Assert.Equal(CompressedComparer.StreamField, leaf.Field);
        Assert.Equal(CauseKind.Compression, Assert.Single(leaf.Causes).Kind);
    }

    [Fact]
    public void Gzip_differing_only_in_mtime_is_a_timestamp_with_both_dates()
    {
        using var dir = new TempDir();
        dir.Write("a/data.txt", "hello\n");
        dir.Write("b/data.txt", "hello\n");
        Fixtures.Sh(dir, "touch -d @1700000000 a/data.txt && touch -d @1710000000 b/data.txt && gzip a/data.txt b/data.txt");
        var result = Diff.Run(dir.File("a/data.txt.gz"), dir.File("b/data.txt.gz"));
        var leaf = Assert.Single(result.Root.All(), d => d.Children.Count == 0);
        Assert.Equal("mtime", leaf.Field);
        var cause = Assert.Single(leaf.Causes);
        Assert.Equal(CauseKind.Timestamp, cause.Kind);
        Assert.Equal("2023-11-14 22:13:20 UTC (1700000000)", cause.Left);
        Assert.Equal("2024-03-09 16:00:00 UTC (1710000000)", cause.Right);
    }

    [Fact]
    public void Gzip_header_name_and_unset_mtime_are_reported()
    {
        using var dir = new TempDir();
        dir.Write("one.txt", "same\n");
        dir.Write("two.txt", "same\n");
        Fixtures.Sh(dir, "touch -d @1700000000 one.txt && gzip -c one.txt > a.gz && gzip -n -c two.txt > b.gz");
        var result = Diff.Run(dir.File("a.gz"), dir.File("b.gz"));
        var fields = result.Root.All().Where(d => d.Kind == DifferenceKind.Field).ToDictionary(d => d.Field!);
        Assert.Equal("not set", fields["mtime"].Right);
        Assert.Equal("one.txt", fields["original name"].Left);
        Assert.Equal("(none)", fields["original name"].Right);
        Assert.Equal(CauseKind.BuildPath, Assert.Single(fields["original name"].Causes).Kind);
        Assert.DoesNotContain(CompressedComparer.StreamField, fields.Keys);
    }

    [Fact]
    public void Text_inside_gzip_shows_the_unified_diff()
    {
        using var dir = new TempDir();
        dir.Write("a/notes.txt", "alpha\nbeta\ngamma\n");
        dir.Write("b/notes.txt", "alpha\nBETA\ngamma\n");
        Fixtures.Sh(dir, "gzip -n a/notes.txt b/notes.txt");
        var result = Diff.Run(dir.File("a/notes.txt.gz"), dir.File("b/notes.txt.gz"));
        var inner = Assert.Single(result.Root!.Children);
        Assert.EndsWith("notes.txt.gz::notes.txt", inner.Path1, StringComparison.Ordinal);
        Assert.Contains("│ -beta\n", result.Text(), StringComparison.Ordinal);
        Assert.Contains("│ +BETA\n", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Root.All(), d => d.Field == CompressedComparer.StreamField);
    }

    [Fact]
    public void Nested_gzip_in_gzip_is_opened_twice()
    {
        using var dir = new TempDir();
        dir.Write("a/v.txt", "version 1\n");
        dir.Write("b/v.txt", "version 2\n");
        Fixtures.Sh(dir, "gzip -n a/v.txt b/v.txt && gzip -n -c a/v.txt.gz > a/v.txt.gz.gz && gzip -n -c b/v.txt.gz > b/v.txt.gz.gz");
        var result = Diff.Run(dir.File("a/v.txt.gz.gz"), dir.File("b/v.txt.gz.gz"));
        var formats = result.Root.All().Select(d => d.Format).OfType<string>().ToList();
        Assert.Equal(["gzip", "gzip", "text"], formats.Take(3));
        Assert.Contains(result.Root.All(), d => d.Path1.EndsWith("v.txt.gz.gz::v.txt.gz::v.txt", StringComparison.Ordinal));
        Assert.Contains("+version 2", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xz", "xz -0", "xz -9", "filters")]
    [InlineData("zst", "zstd -q -1", "zstd -q -19", "bytes")]
    [InlineData("bz2", "bzip2 -1", "bzip2 -9", "block size")]
    public void Other_formats_with_other_levels_give_one_compression_difference(string suffix, string toolA, string toolB, string setting)
    {
        using var dir = new TempDir();
        Fixtures.Tar(dir, "x.tar");
        Fixtures.Sh(dir, $"{toolA} -c x.tar > a.tar.{suffix} && {toolB} -c x.tar > b.tar.{suffix}");
        var result = Diff.Run(dir.File($"a.tar.{suffix}"), dir.File($"b.tar.{suffix}"));
        var leaf = Assert.Single(result.Root.All(), d => d.Children.Count == 0);
        Assert.Equal(CompressedComparer.StreamField, leaf.Field);
        Assert.Contains(setting, leaf.Left, StringComparison.Ordinal);
        Assert.All(result.Causes(), c => Assert.Equal(CauseKind.Compression, c.Kind));
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("zst")]
    [InlineData("bz2")]
    public void Content_differences_inside_other_formats_are_compared_as_text(string suffix)
    {
        using var dir = new TempDir();
        var a = Codecs.Lines(500);
        var b = Codecs.Lines(500);
        b[100] = (byte)'X';
        dir.Write($"a.txt.{suffix}", Encode(suffix, a));
        dir.Write($"b.txt.{suffix}", Encode(suffix, b));
        var result = Diff.Run(dir.File($"a.txt.{suffix}"), dir.File($"b.txt.{suffix}"));
        Assert.Contains(result.Root.All(), d => d.Kind == DifferenceKind.Text && d.Path1.EndsWith($"a.txt.{suffix}::a.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Root.All(), d => d.Field == CompressedComparer.StreamField);
    }

    [Fact]
    public void Xz_header_fields_come_from_stream_flags_block_header_and_index()
    {
        using var dir = new TempDir();
        var data = Codecs.Lines(1000);
        dir.Write("a.xz", Codecs.Xz(data, 0, Verbatim.Core.Compression.XzCheck.Crc32));
        dir.Write("b.xz", [.. Codecs.Xz(data[..5000], 9, Verbatim.Core.Compression.XzCheck.Sha256), .. Codecs.Xz(data[5000..], 9, Verbatim.Core.Compression.XzCheck.Sha256)]);
        var result = Diff.Run(dir.File("a.xz"), dir.File("b.xz"));
        var stream = Assert.Single(result.Root.All(), d => d.Field == CompressedComparer.StreamField);
        Assert.Contains("check CRC32, filters LZMA2 (dictionary 256 KiB), streams 1, blocks 1", stream.Left, StringComparison.Ordinal);
        Assert.Contains("check SHA-256, filters LZMA2 (dictionary 64 MiB), streams 2, blocks 2", stream.Right, StringComparison.Ordinal);
    }

    [Fact]
    public void Zstd_header_fields_name_the_frame_settings()
    {
        using var dir = new TempDir();
        Fixtures.Tar(dir, "x.tar");
        Fixtures.Sh(dir, "zstd -q -3 -c x.tar > a.zst && cat x.tar | zstd -q -3 --no-check > b.zst");
        var result = Diff.Run(dir.File("a.zst"), dir.File("b.zst"));
        var stream = Assert.Single(result.Root.All(), d => d.Field == CompressedComparer.StreamField);
        Assert.Contains("content size 266240", stream.Left, StringComparison.Ordinal);
        Assert.Contains("checksum present", stream.Left, StringComparison.Ordinal);
        Assert.Contains("content size not recorded", stream.Right, StringComparison.Ordinal);
        Assert.Contains("checksum absent", stream.Right, StringComparison.Ordinal);
        Assert.Contains("the content size is recorded when zstd knows it", Assert.Single(stream.Causes).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Inner_names_drop_the_compression_suffix()
    {
        Assert.Equal("data.tar", CompressedNames.Inner("data.tar.xz"));
        Assert.Equal("x.tar", CompressedNames.Inner("x.tgz"));
        Assert.Equal("notes", CompressedNames.Inner("notes.GZ"));
        Assert.Equal("content", CompressedNames.Inner("blob"));
        Assert.Equal("content", CompressedNames.Inner(".gz"));
    }

    private static byte[] Encode(string suffix, byte[] data) => suffix switch
    {
        "xz" => Codecs.Xz(data),
        "zst" => Codecs.Zstd(data),
        _ => Codecs.Bzip2(data),
    };
}
