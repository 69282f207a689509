namespace Verbatim.Normalize.Png;

/// <summary>The keywords of PNG text chunks that carry a creation or modification date (ImageMagick, GIMP, exiftool, PNG spec).</summary>
internal static class PngDateKeywords
{
    private static readonly HashSet<string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        "Creation Time",
        "CreationTime",
        "create-date",
        "modify-date",
        "Date",
    };

    public static bool IsDate(string keyword) => keyword.StartsWith("date:", StringComparison.OrdinalIgnoreCase) || Exact.Contains(keyword);
}
