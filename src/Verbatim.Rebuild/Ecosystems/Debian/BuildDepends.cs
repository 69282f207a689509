namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// The packages a source package's build needs, from its <c>Build-Depends</c> (and <c>-Arch</c>, <c>-Indep</c>) as
/// an environment is created from them: the first of each set of alternatives, without version, architecture and
/// profile restrictions; <c>debhelper-compat</c> is debhelper's. fakeroot is always added.
/// </summary>
internal static class BuildDepends
{
    public static IReadOnlyList<string> Packages(ControlFile dsc)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "fakeroot" };
        foreach (var field in new[] { "Build-Depends", "Build-Depends-Arch", "Build-Depends-Indep" })
        {
            foreach (var relation in (dsc[field] ?? "").Replace('\n', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Name(relation.Split('|')[0]) is { } name)
                {
                    names.Add(name == "debhelper-compat" ? "debhelper" : name);
                }
            }
        }

        return [.. names];
    }

    /// <summary>A relation's package name (<c>libfoo-dev:any (>= 1) [amd64] &lt;!nocheck&gt;</c> → <c>libfoo-dev</c>), or null when it applies only to other architectures or profiles we do not build.</summary>
    internal static string? Name(string relation)
    {
        var text = relation.Trim();
        var arch = text.IndexOf('[', StringComparison.Ordinal);
        if (arch >= 0)
        {
            var end = text.IndexOf(']', arch);
            var list = text[(arch + 1)..(end < 0 ? text.Length : end)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var negated = list.All(a => a.StartsWith('!'));
            var matches = list.Any(a => a.TrimStart('!') is "amd64" or "any-amd64" or "linux-any" or "any");
            if (negated ? matches : !matches)
            {
                return null;
            }
        }

        if (text.Contains('<', StringComparison.Ordinal) && !text.Contains("<!", StringComparison.Ordinal))
        {
            return null; // only for a build profile we do not use
        }

        var name = text.Split(' ', '(', '[', '<')[0].Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            name = name[..colon];
        }

        return name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '+' or '-') ? name : null;
    }
}
