namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// The orders npm-packlist gave the files of a package (paths relative to the package's root), which npm's
/// <c>tar.c</c> then wrote in that order: before 1.4.2 (npm 5 to 6.9) <c>package.json</c> first, <c>node_modules</c>
/// last, the root's files before deeper paths, then by locale; from 1.4.2 (npm 6.10 on) by extension, then base
/// name, then path, for compressibility.
/// </summary>
internal static class NpmMemberOrder
{
    /// <summary>npm-packlist 1.1 to 1.4.1's sort (npm 5.0 to 6.9).</summary>
    public static int Legacy(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b)
        {
            return 0;
        }

        if (a == "package.json" || b == "package.json")
        {
            return a == "package.json" ? -1 : 1;
        }

        var modulesA = a.StartsWith("node_modules", StringComparison.Ordinal);
        var modulesB = b.StartsWith("node_modules", StringComparison.Ordinal);
        if (modulesA != modulesB)
        {
            return modulesA ? 1 : -1;
        }

        var rootA = !a.Contains('/', StringComparison.Ordinal);
        var rootB = !b.Contains('/', StringComparison.Ordinal);
        if (rootA != rootB)
        {
            return rootA ? -1 : 1;
        }

        return NpmCollation.Compare(a, b);
    }

    /// <summary>npm-packlist 1.4.2 and later's sort (npm 6.10 on): extension, then base name (both lowercased), then path.</summary>
    public static int ByExtension(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byExtension = NpmCollation.Compare(Extension(a).ToLowerInvariant(), Extension(b).ToLowerInvariant());
        if (byExtension != 0)
        {
            return byExtension;
        }

        var byBase = NpmCollation.Compare(BaseName(a).ToLowerInvariant(), BaseName(b).ToLowerInvariant());
        return byBase != 0 ? byBase : NpmCollation.Compare(a, b);
    }

    /// <summary>True when <paramref name="names"/> is already in the order <paramref name="comparison"/> gives.</summary>
    public static bool IsOrdered(IReadOnlyList<string> names, Comparison<string> comparison)
    {
        for (var i = 1; i < names.Count; i++)
        {
            if (comparison(names[i - 1], names[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string BaseName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Node's <c>path.extname</c>: from the base name's last dot, unless that dot starts it (<c>.npmignore</c> has none).</summary>
    private static string Extension(string path)
    {
        var name = BaseName(path);
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? "" : name[dot..];
    }
}
