using Verbatim.Core.Model;

namespace Verbatim.Formats.Deb;

/// <summary>
/// Says what the mtimes in a Debian package are: dpkg-deb clamps every member's and file's time to SOURCE_DATE_EPOCH,
/// which debhelper sets to the date of the version's latest debian/changelog entry. Two versions' packages therefore
/// differ in these times by their changelog dates, not by when they were built.
/// </summary>
internal static class DebTimes
{
    private const string Explanation =
        "dpkg-deb clamps file times to SOURCE_DATE_EPOCH, the date of each version's latest debian/changelog entry " +
        "(unless the package was built without it, when they are the build's times)";

    /// <summary>The node with its mtime causes explained, for the package's own members and the files of its tars only.</summary>
    public static Difference Explain(Difference node, string debPath)
    {
        var children = node.Children.Count == 0 ? node.Children : node.Children.Select(c => Explain(c, debPath)).ToList();
        var causes = node.Kind == DifferenceKind.Field && node.Field == "mtime" && OwnMember(node.Path1, debPath) && node.Causes.Any(c => c.Kind == CauseKind.Timestamp)
            ? [.. node.Causes.Select(c => c.Kind == CauseKind.Timestamp ? c with { Explanation = $"{Explanation} (mtime)" } : c)]
            : node.Causes;
        return node with { Children = children, Causes = causes };
    }

    /// <summary>An ar member (<c>pkg.deb::control.tar.xz</c>) or a file of its tar (<c>pkg.deb::data.tar.xz::data.tar::./usr/bin/x</c>), not a file nested deeper.</summary>
    private static bool OwnMember(string path, string debPath) =>
        path.StartsWith(debPath, StringComparison.Ordinal) && path[debPath.Length..].Split("::").Length <= 4;
}
