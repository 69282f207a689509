using Verbatim.Core.Model;

namespace Verbatim.Formats.Deb;

/// <summary>
/// Removes from the control.tar.* subtree the line diffs of <c>control</c> and <c>md5sums</c>, which the package
/// comparison already shows field by field, so that each change is counted once. Tar metadata differences stay.
/// </summary>
internal static class DebPruning
{
    public static Difference? WithoutControlText(Difference member) =>
        member.Path1.Contains("::control.tar", StringComparison.Ordinal) ? Prune(member) : member;

    private static Difference? Prune(Difference node)
    {
        if (node.Kind != DifferenceKind.Node || node.Children.Count == 0)
        {
            return node;
        }

        var parsed = IsParsed(node.Path1) || IsParsed(node.Path2);
        var children = node.Children
            .Where(c => !(parsed && c.Kind is DifferenceKind.Text or DifferenceKind.Binary or DifferenceKind.Node))
            .Select(Prune)
            .OfType<Difference>()
            .ToList();
        if (children.Count == node.Children.Count && children.SequenceEqual(node.Children))
        {
            return node;
        }

        return children.Count == 0 ? null : node with { Children = children };
    }

    private static bool IsParsed(string path) =>
        path.EndsWith("::./control", StringComparison.Ordinal) || path.EndsWith("::control", StringComparison.Ordinal) ||
        path.EndsWith("::./md5sums", StringComparison.Ordinal) || path.EndsWith("::md5sums", StringComparison.Ordinal);
}
