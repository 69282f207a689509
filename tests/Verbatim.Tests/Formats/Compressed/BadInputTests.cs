using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Compressed;

public class BadInputTests
{
    [Theory]
    [InlineData("gz", "gzip", "truncated gzip stream")]
    [InlineData("xz", "xz", "truncated xz stream")]
    [InlineData("zst", "zstd", "truncated zstd stream")]
    [InlineData("bz2", "bzip2", "truncated bzip2 stream")]
    public void Truncated_input_is_unreadable_with_the_reason(string suffix, string format, string reason)
    {
        using var dir = new TempDir();
        var (good, bad) = Pair(dir, suffix);
        File.WriteAllBytes(bad, File.ReadAllBytes(good)[..(int)(new FileInfo(good).Length * 2 / 3)]);
        AssertUnreadable(Diff.Run(good, bad), format, reason);
    }

    [Theory]
    [InlineData("gz", "gzip", "gzip: compressed data is corrupt")]
    [InlineData("xz", "xz", "xz: compressed data is corrupt")]
    [InlineData("zst", "zstd", "zstd: ")]
    [InlineData("bz2", "bzip2", "bzip2: compressed data is corrupt")]
    public void Corrupt_input_is_unreadable_with_the_reason(string suffix, string format, string reason)
    {
        using var dir = new TempDir();
        var (good, bad) = Pair(dir, suffix);
        var bytes = File.ReadAllBytes(good);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(bad, bytes);
        AssertUnreadable(Diff.Run(good, bad), format, reason);
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("xz")]
    [InlineData("zst")]
    [InlineData("bz2")]
    public void A_bomb_stops_at_the_member_limit(string suffix)
    {
        using var dir = new TempDir();
        var tool = suffix switch { "gz" => "gzip -1", "xz" => "xz -0", "zst" => "zstd -q -1", _ => "bzip2 -1" };
        Fixtures.Sh(dir, $"head -c 200000000 /dev/zero | {tool} > a.{suffix} && (head -c 199999999 /dev/zero; printf x) | {tool} > b.{suffix}");
        var options = new DiffOptions { MaxMemberBytes = 8 << 20, MaxCompressionRatio = 1_000_000 };
        var result = Diff.Run(dir.File($"a.{suffix}"), dir.File($"b.{suffix}"), options);
        Assert.Contains(result.Root!.Comments, c => c.Contains("--max-member-size", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bomb_stops_at_the_compression_ratio()
    {
        using var dir = new TempDir();
        Fixtures.Sh(dir, "head -c 200000000 /dev/zero | xz -0 > a.xz && (head -c 199999999 /dev/zero; printf x) | xz -0 > b.xz");
        var result = Diff.Run(dir.File("a.xz"), dir.File("b.xz"));
        Assert.Contains(result.Root!.Comments, c => c.Contains("unreadable as xz", StringComparison.Ordinal) && c.Contains("--max-ratio", StringComparison.Ordinal));
    }

    [Fact]
    public void Trailing_garbage_and_bad_headers_are_unreadable()
    {
        using var dir = new TempDir();
        var (good, bad) = Pair(dir, "gz");
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(good), .. "garbage!!!!!"u8.ToArray()]);
        AssertUnreadable(Diff.Run(good, bad), "gzip", "gzip: trailing garbage");
        var header = File.ReadAllBytes(good);
        header[3] = 0xE0;
        File.WriteAllBytes(bad, header);
        AssertUnreadable(Diff.Run(good, bad), "gzip", "gzip: reserved header flags");
        File.WriteAllBytes(bad, header[..12]);
        Assert.False(Diff.Run(good, bad).Identical);
    }

    [Fact]
    public void Zstd_and_xz_with_garbage_after_the_frame_are_unreadable()
    {
        using var dir = new TempDir();
        var (good, bad) = Pair(dir, "zst");
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(good), 1, 2, 3, 4, 5, 6]);
        AssertUnreadable(Diff.Run(good, bad), "zstd", "zstd: trailing garbage");
        var (goodXz, badXz) = Pair(dir, "xz");
        File.WriteAllBytes(badXz, [.. File.ReadAllBytes(goodXz), 1, 2, 3, 4]);
        AssertUnreadable(Diff.Run(goodXz, badXz), "xz", "truncated xz stream");
    }

    private static (string Good, string Bad) Pair(TempDir dir, string suffix)
    {
        var tool = suffix switch { "gz" => "gzip -n", "xz" => "xz", "zst" => "zstd -q", _ => "bzip2" };
        dir.Write("data.txt", Codecs.Lines(100_000));
        Fixtures.Sh(dir, $"{tool} -c data.txt > good.{suffix}");
        return (dir.File($"good.{suffix}"), dir.File($"bad.{suffix}"));
    }

    private static void AssertUnreadable(DiffResult result, string format, string reason)
    {
        var root = result.Root!;
        Assert.Contains(root.Comments, c => c.StartsWith($"unreadable as {format}: {reason}", StringComparison.Ordinal));
        Assert.Contains(root.Children, c => c.Kind == DifferenceKind.Binary);
    }
}
