using System.Globalization;
using System.Text;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// A text diff of two listings (symbols, strings, section table) that stays fast when they are long: when the part
/// between their common first and last lines is long and many of its lines appear only on one side, only the first
/// lines of it are diffed (a line diff costs the product of the lengths when all lines differ, e.g. every symbol's
/// address after a code change).
/// </summary>
internal static class ListingDiff
{
    /// <summary>How many differing lines of each side are diffed at most.</summary>
    public const int MaxMiddleLines = 2000;

    public static Difference? Compare(string path1, string path2, string label, string left, string right, ComparisonContext context, string format)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return null;
        }

        var a = left.Split('\n');
        var b = right.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var middleA = a.Length - prefix - suffix;
        var middleB = b.Length - prefix - suffix;
        if ((middleA <= MaxMiddleLines && middleB <= MaxMiddleLines) || Unmatched(a, b) + Unmatched(b, a) <= 2 * MaxMiddleLines)
        {
            return TextComparer.Compare(path1, path2, label, left, right, context, format);
        }

        var comment = string.Create(CultureInfo.InvariantCulture, $"{middleA} and {middleB} lines differ; the first {MaxMiddleLines} of each are compared");
        var toA = prefix + Math.Min(middleA, MaxMiddleLines);
        var toB = prefix + Math.Min(middleB, MaxMiddleLines);
        var text = TextComparer.Compare(path1, path2, label, Join(a, toA), Join(b, toB), context, format);
        return text is null ? null : text with { Comments = [comment, .. text.Comments] };
    }

    /// <summary>How many lines of <paramref name="a"/> appear nowhere in <paramref name="b"/>: about the edit distance, in linear time.</summary>
    private static int Unmatched(string[] a, string[] b)
    {
        var present = new HashSet<string>(b, StringComparer.Ordinal);
        return a.Count(line => !present.Contains(line));
    }

    private static string Join(string[] lines, int to)
    {
        var text = new StringBuilder();
        for (var i = 0; i < to; i++)
        {
            text.Append(lines[i]).Append('\n');
        }

        return text.ToString();
    }
}
