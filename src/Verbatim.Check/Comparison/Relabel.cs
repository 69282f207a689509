using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Check.Comparison;

/// <summary>A comparison's paths with the builds' scratch folders replaced by stable names (<c>control</c>, <c>experiment</c>), so reports are byte-stable.</summary>
internal static class Relabel
{
    public static DiffResult Apply(DiffResult diff, string left, string right) =>
        new(left, right, diff.Root is null ? null : Node(diff.Root, diff.Path1, left, diff.Path2, right));

    private static Difference Node(Difference node, string from1, string to1, string from2, string to2) => node with
    {
        Path1 = Replace(node.Path1, from1, to1),
        Path2 = Replace(node.Path2, from2, to2),
        Children = [.. node.Children.Select(c => Node(c, from1, to1, from2, to2))],
    };

    private static string Replace(string path, string from, string to) =>
        path.StartsWith(from, StringComparison.Ordinal) ? to + path[from.Length..] : path;
}
