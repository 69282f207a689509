using Verbatim.Core.Model;
using Verbatim.Formats.Members;
using Verbatim.Tests.Formats.Tar;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Members;

public class MemberPairingTests
{
    [Fact]
    public void Members_renamed_by_a_framework_or_version_in_their_path_are_paired_and_compared()
    {
        using var dir = new TempDir();
        dir.Write("a/lib/net5.0/X.txt", "built for net5\nsame line\n");
        dir.Write("b/lib/net8.0/X.txt", "built for net8\nsame line\n");
        dir.Write("a/foo-1.2/README", "foo\n");
        dir.Write("b/foo-1.3/README", "foo\n");
        dir.Write("a/gone-1.0.txt", "x");
        dir.Write("b/gone-1.0-extra.txt", "x");
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        var nodes = result.Root.All().ToList();

        var x = nodes.Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("lib/net5.0/X.txt", StringComparison.Ordinal));
        Assert.EndsWith("lib/net8.0/X.txt", x.Path2, StringComparison.Ordinal);
        Assert.Contains(x.Comments, c => c == "renamed: lib/net5.0/X.txt → lib/net8.0/X.txt (a version or framework in its path changed)");
        Assert.Contains("+built for net8", Assert.Single(x.Children, c => c.Kind == DifferenceKind.Text).UnifiedDiff, StringComparison.Ordinal);

        // The same content under a renamed folder: paired (the folder too), so not reported as removed and added.
        Assert.DoesNotContain(nodes, d => d.Kind is DifferenceKind.Added or DifferenceKind.Removed && d.Path1.Contains("foo-1", StringComparison.Ordinal));
        Assert.DoesNotContain(nodes, d => d.Kind is DifferenceKind.Added && d.Path2.Contains("foo-1.3", StringComparison.Ordinal));

        // Not a version change: still removed and added.
        Assert.Contains(nodes, d => d.Kind == DifferenceKind.Removed && d.Path1.EndsWith("gone-1.0.txt", StringComparison.Ordinal));
        Assert.Contains(nodes, d => d.Kind == DifferenceKind.Added && d.Path2.EndsWith("gone-1.0-extra.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_shape_shared_by_two_members_is_not_guessed()
    {
        var pairs = MemberRenames.Match(
            [("lib/net5.0/X.dll", MemberType.File, 0), ("lib/net6.0/X.dll", MemberType.File, 1), ("foo-1.2/", MemberType.Directory, 2)],
            [("lib/net8.0/X.dll", MemberType.File, 0), ("foo-1.3", MemberType.File, 1), ("foo-2.0/", MemberType.Directory, 2)]);
        Assert.Equal([("foo-1.2/", "foo-2.0/")], pairs);
    }

    [Fact]
    public void A_truncated_tar_has_its_readable_members_compared_and_the_rest_reported()
    {
        using var dir = new TempDir();
        var whole = new TarBytes().File("one.txt", "first version\n").File("two.txt", "same\n").File("three.bin", new string('x', 4000)).Build();
        var changed = new TarBytes().File("one.txt", "second version\n").File("two.txt", "same\n").File("three.bin", new string('y', 4000)).Build();
        var a = dir.Write("a.tar", whole);
        var b = dir.Write("b.tar", changed[..3000]);
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        var one = nodes.Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::one.txt", StringComparison.Ordinal));
        Assert.Contains("+second version", Assert.Single(one.Children).UnifiedDiff, StringComparison.Ordinal);
        var rest = nodes.Single(d => d.Path1.EndsWith("::(unreadable rest)", StringComparison.Ordinal));
        var note = Assert.Single(rest.Comments);
        Assert.StartsWith(b + ": unreadable after 2 members (truncated", note, StringComparison.Ordinal);
        Assert.EndsWith("; 1 more member of the first is not compared", note, StringComparison.Ordinal);
        Assert.DoesNotContain(nodes, d => d.Kind == DifferenceKind.Removed);
    }
}
