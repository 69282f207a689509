using System.Text.RegularExpressions;

namespace Verbatim.Core.Causes;

/// <summary>
/// Recognises a build directory recorded in an artifact: an absolute path under a directory builds run in
/// (<c>/build/</c>, <c>/tmp/</c>, <c>/home/</c> …) whose two sides differ by one prefix replaced consistently
/// (<c>/build/pkg-Ab12/src/x.c</c> ↔ <c>/build/pkg-Zz99/src/x.c</c>). A URL's path (<c>github.com/…</c>), a version bump
/// in an installed path, a Go build id or a package part name is not one.
/// </summary>
public static partial class BuildPaths
{
    private static readonly string[] Roots =
    [
        "/build/", "/builds/", "/buildd/", "/tmp/", "/var/tmp/", "/home/", "/root/", "/usr/src/", "/srv/", "/workspace/",
        "/work/", "/opt/build", "/__w/", "/runner/", "/github/workspace/", "/var/lib/sbuild/", "/private/var/folders/", "/mnt/",
    ];

    /// <summary>
    /// Absolute paths of at least two components, not preceded by what makes them part of a URL or a word
    /// (a host name, <c>://</c>); a compiler flag's <c>-I</c> or an <c>=</c> may precede them.
    /// </summary>
    [GeneratedRegex(@"(?<=^|[\s""'`=(,;\[{<>|]|-[ILFo])(/[A-Za-z0-9._+~-]+){2,}/?")]
    public static partial Regex Pattern();

    /// <summary>Whether a path lies under a directory builds run in.</summary>
    public static bool IsUnderBuildRoot(string path) => Roots.Any(r => path.StartsWith(r, StringComparison.Ordinal));

    /// <summary>
    /// Whether the differing paths of the two sides (in order) are the same paths under another build directory:
    /// each pair shares its tail after a prefix, the prefixes lie under build roots, and one prefix is replaced by
    /// the same other prefix in every pair.
    /// </summary>
    public static bool IsPrefixChange(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        if (left.Count == 0 || left.Count != right.Count)
        {
            return false;
        }

        (string From, string To)? mapping = null;
        for (var i = 0; i < left.Count; i++)
        {
            if (Prefixes(left[i], right[i]) is not { } pair || (mapping is { } m && m != pair))
            {
                return false;
            }

            mapping = pair;
        }

        return true;
    }

    /// <summary>Whether two values are one path under two build directories (a single field, e.g. DW_AT_name).</summary>
    public static bool IsPrefixChange(string? left, string? right) =>
        left is not null && right is not null && Prefixes(left, right) is not null;

    /// <summary>The differing prefixes of two paths whose tails (from a '/' on) are equal, when both lie under build roots.</summary>
    private static (string From, string To)? Prefixes(string left, string right)
    {
        left = left.TrimEnd('/');
        right = right.TrimEnd('/');
        if (string.Equals(left, right, StringComparison.Ordinal) || !IsUnderBuildRoot(left + "/") || !IsUnderBuildRoot(right + "/"))
        {
            return null;
        }

        // The longest common tail that starts at a component boundary on both sides.
        var common = 0;
        while (common < left.Length && common < right.Length && left[^(common + 1)] == right[^(common + 1)])
        {
            common++;
        }

        var tail = left[(left.Length - common)..];
        var cut = tail.IndexOf('/');
        tail = cut < 0 ? "" : tail[cut..];
        var from = left[..(left.Length - tail.Length)];
        var to = right[..(right.Length - tail.Length)];

        // The prefixes are directories that builds run in, not the same root with a version changed further down
        // an installed path: both sides keep the build root, and the prefix is at most a few components deep.
        return Depth(from) <= 6 && Depth(to) <= 6 ? (from, to) : null;

        static int Depth(string path) => path.Count(c => c == '/');
    }
}
