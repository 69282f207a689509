namespace Verbatim.Formats.Compressed;

/// <summary>The name shown for the decompressed contents: the compressed file's name without its compression suffix.</summary>
public static class CompressedNames
{
    private static readonly (string Suffix, string Replacement)[] Suffixes =
    [
        (".tgz", ".tar"), (".taz", ".tar"), (".txz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".tzst", ".tar"),
        (".gz", ""), (".gzip", ""), (".z", ""), (".xz", ""), (".zst", ""), (".zstd", ""), (".bz2", ""), (".bzip2", ""),
    ];

    /// <summary><c>data.tar.gz</c> → <c>data.tar</c>, <c>x.tgz</c> → <c>x.tar</c>, anything else → <c>content</c>.</summary>
    public static string Inner(string name)
    {
        foreach (var (suffix, replacement) in Suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^suffix.Length] + replacement;
            }
        }

        return "content";
    }
}
