using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>How a node is titled under its parent: its path relative to the parent's, both sides when they differ.</summary>
public static class NodeNames
{
    public static string Relative(string path, string parentPath)
    {
        if (parentPath.Length > 0 && path.Length > parentPath.Length && path.StartsWith(parentPath, StringComparison.Ordinal))
        {
            var rest = path[parentPath.Length..];
            if (rest.StartsWith("::", StringComparison.Ordinal))
            {
                return rest[2..];
            }

            if (rest.StartsWith('/'))
            {
                return rest[1..];
            }
        }

        return path;
    }

    public static string Title(Difference node, Difference? parent)
    {
        var a = parent is null ? node.Path1 : Relative(node.Path1, parent.Path1);
        var b = parent is null ? node.Path2 : Relative(node.Path2, parent.Path2);
        return node.Kind switch
        {
            DifferenceKind.Added => b,
            DifferenceKind.Removed => a,
            _ when a == b || b.Length == 0 => a,
            _ when a.Length == 0 => b,
            _ => $"{a} vs {b}",
        };
    }
}
