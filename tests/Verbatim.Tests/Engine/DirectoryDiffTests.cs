using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Engine;

public class DirectoryDiffTests
{
    [Fact]
    public void Identical_trees_are_identical()
    {
        using var dir = new TempDir();
        dir.Write("a/x.txt", "same\n");
        dir.Write("b/x.txt", "same\n");
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        Assert.True(result.Identical);
        Assert.Equal("identical", result.Summary.ToSentence());
    }

    [Fact]
    public void Text_change_names_timestamp_and_build_path()
    {
        using var dir = new TempDir();
        dir.Write("a/x.txt", "built 2024-01-02 10:00:00 in /build/pkg-abc/src\n");
        dir.Write("b/x.txt", "built 2025-03-04 11:00:00 in /build/pkg-xyz/src\n");
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        Assert.False(result.Identical);
        var kinds = result.Causes().Select(c => c.Kind).ToHashSet();
        Assert.Contains(CauseKind.Timestamp, kinds);
        Assert.Contains(CauseKind.BuildPath, kinds);
        Assert.Contains("-built 2024-01-02 10:00:00 in /build/pkg-abc/src", result.Text());
    }

    [Fact]
    public void Added_removed_and_symlinks_are_reported_without_following_links()
    {
        using var dir = new TempDir();
        dir.Write("a/only-a", "1");
        dir.Write("b/only-b", "2");
        Directory.CreateDirectory(dir.File("a/loop"));
        Directory.CreateDirectory(dir.File("b/loop"));
        File.CreateSymbolicLink(dir.File("a/loop/self"), "..");
        File.CreateSymbolicLink(dir.File("b/loop/self"), "../..");
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        var nodes = result.Root.All().ToList();
        Assert.Contains(nodes, d => d.Kind == DifferenceKind.Removed && d.Path1.EndsWith("only-a", StringComparison.Ordinal));
        Assert.Contains(nodes, d => d.Kind == DifferenceKind.Added && d.Path2.EndsWith("only-b", StringComparison.Ordinal));
        Assert.Contains(nodes, d => d.Field == "link target" && d.Left == ".." && d.Right == "../..");
    }

    [Fact]
    public void Missing_input_is_an_input_error()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<Verbatim.Formats.Engine.InputException>(() => Diff.Run(dir.File("nope"), dir.File("nope2")));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_files_are_compared_in_parallel_slices_and_a_late_difference_is_found()
    {
        using var dir = new TempDir();
        var bytes = new byte[80 << 20];
        new Random(7).NextBytes(bytes);
        var a = dir.Write("a.bin", bytes);
        var b = dir.Write("b.bin", bytes);
        Assert.True(Diff.Run(a, b).Identical);
        bytes[^3] ^= 0xff;
        var c = dir.Write("c.bin", bytes);
        var range = Assert.Single(Assert.Single(Diff.Run(a, c).Root.All(), d => d.Kind == DifferenceKind.Binary).HexRanges);
        Assert.Equal(bytes.Length - 3, range.Offset);
    }
}
