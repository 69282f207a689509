using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Tar;

public class TarBadInputTests
{
    private static string UnreadableComment(byte[] bad, byte[] good)
    {
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.tar", bad), dir.Write("b.tar", good));

        // Damage after the first member: the members before it are compared, and the rest is reported as unreadable.
        if (result.Root.All().SingleOrDefault(d => d.Path1.EndsWith("::(unreadable rest)", StringComparison.Ordinal)) is { } rest)
        {
            return Assert.Single(rest.Comments, c => c.Contains(": unreadable after ", StringComparison.Ordinal));
        }

        Assert.Contains(result.Root!.Children, d => d.Kind == DifferenceKind.Binary);
        return Assert.Single(result.Root.Comments, c => c.StartsWith("unreadable as tar", StringComparison.Ordinal));
    }

    private static byte[] Good() => new TarBytes().File("a.txt", new string('a', 1000)).File("b.txt", "b\n").Build();

    [Fact]
    public void Truncated_tar_is_reported_and_compared_as_bytes()
    {
        var good = Good();
        Assert.Contains("truncated", UnreadableComment(good[..1200], good), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_cut_short_is_truncated()
    {
        var good = Good();
        Assert.Contains("truncated", UnreadableComment(good[..(1536 + 100)], good), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_checksum_is_reported()
    {
        var good = Good();
        var bad = (byte[])good.Clone();
        bad[1536] = (byte)'c';
        Assert.Contains("bad tar header checksum at offset 1536", UnreadableComment(bad, good), StringComparison.Ordinal);
    }

    [Fact]
    public void Size_beyond_the_end_is_truncated()
    {
        var bad = new TarBytes().File("a.txt", "short", size: 1L << 32).Build();
        Assert.Contains("truncated", UnreadableComment(bad, Good()), StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_octal_field_is_reported()
    {
        var bad = new TarBytes().File("a.txt", "x", mode: "09x9999").Build();
        Assert.Contains("absurd value in the tar header field 'mode'", UnreadableComment(bad, Good()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99 path=x\n")]
    [InlineData("abc path=x\n")]
    [InlineData("12 path=xy\n")]
    [InlineData("6 path\n")]
    public void Pax_record_with_bad_length_is_reported(string records)
    {
        var bad = new TarBytes().Pax(records).File("a.txt", "x").Build();
        Assert.Contains("pax record", UnreadableComment(bad, Good()), StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_pax_header_is_reported_without_allocating_it()
    {
        var bad = new TarBytes().File("./PaxHeaders/x", new string('9', 2 << 20), type: (byte)'x').File("a.txt", "x").Build();
        Assert.Contains("absurd pax extended header of 2097152 bytes", UnreadableComment(bad, Good()), StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_names_are_only_names()
    {
        byte[] latin1 = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'t', (byte)'x', (byte)'t'];
        var a = new TarBytes().File("../../etc/passwd", "root:x:0:0\n").File("/etc/passwd", "root:x:0:0\n").File(latin1, "1\n"u8.ToArray()).Build();
        var b = new TarBytes().File("../../etc/passwd", "root:y:0:0\n").File("/etc/passwd", "root:y:0:0\n").File(latin1, "2\n"u8.ToArray()).Build();
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.tar", a), dir.Write("b.tar", b));
        var names = result.Root!.Children.Select(d => d.Path1[(d.Path1.LastIndexOf("::", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(["../../etc/passwd", "/etc/passwd", "caf\\xe9.txt"], names);
        Assert.Equal(["a.tar", "b.tar"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Missing_end_of_archive_blocks_are_accepted()
    {
        var a = new TarBytes().File("a.txt", "1\n").Build(end: false);
        var b = new TarBytes().File("a.txt", "2\n").Build(end: false);
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.tar", a), dir.Write("b.tar", b));
        Assert.Equal("tar", result.Root!.Format);
        Assert.Empty(result.Root.Comments);
    }
}
