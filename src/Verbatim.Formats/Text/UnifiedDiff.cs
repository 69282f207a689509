using System.Text;

namespace Verbatim.Formats.Text;

/// <summary>
/// A line diff of two texts as unified-diff hunks (no ---/+++ header), with the changed lines for classifying, and
/// notes when part of it was given up on (see <see cref="LineDiff"/>).
/// </summary>
public sealed record UnifiedDiff(string Text, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<string> Notes)
{
    public const int ContextLines = 3;

    /// <summary>The hunks, or null when the texts have the same lines (they may still differ in line endings).</summary>
    public static UnifiedDiff? Create(string left, string right) => Create(left, right, workLimit: null);

    internal static UnifiedDiff? Create(string left, string right, long? workLimit)
    {
        // A final line break ends the last line; it does not start an empty one when both texts end with one, or
        // when the other text is empty (a text of no lines).
        var emptyLeft = left.Length == 0;
        var emptyRight = right.Length == 0;
        if ((emptyLeft || EndsWithBreak(left)) && (emptyRight || EndsWithBreak(right)))
        {
            left = WithoutFinalBreak(left);
            right = WithoutFinalBreak(right);
        }

        var a = new TextLines(left, empty: emptyLeft);
        var b = new TextLines(right, empty: emptyRight);
        var interner = new LineInterner(a.Count + b.Count);
        var idsA = interner.Intern(a);
        var idsB = interner.Intern(b);
        var script = LineDiff.Compute(idsA, idsB, interner.Count, workLimit);
        if (script.Blocks.Count == 0)
        {
            return null;
        }

        var notes = script.ReplacedRegions == 0 ? [] : new[]
        {
            $"the line diff reached its work limit: {script.ReplacedRegions} region(s) ({script.ReplacedLinesA} lines of the first text, {script.ReplacedLinesB} of the second) are shown as replaced, not diffed",
        };
        return Format(a, b, script.Blocks, notes) with { SameLinesInAnotherOrder = IsPermutation(idsA, idsB, interner.Count) };
    }

    /// <summary>True when both texts have the same lines, each as often, in another order.</summary>
    public bool SameLinesInAnotherOrder { get; init; }

    private static bool IsPermutation(int[] a, int[] b, int distinct)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var balance = new int[distinct];
        foreach (var id in a)
        {
            balance[id]++;
        }

        foreach (var id in b)
        {
            if (--balance[id] < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWithBreak(string text) => text.EndsWith('\n') || text.EndsWith('\r');

    private static string WithoutFinalBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : EndsWithBreak(text) ? text[..^1] : text;

    private static UnifiedDiff Format(TextLines a, TextLines b, IReadOnlyList<DiffBlock> blocks, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        var removed = new List<string>();
        var added = new List<string>();
        var k = 0;
        while (k < blocks.Count)
        {
            // Group blocks whose context overlaps into one hunk.
            var first = k;
            while (k + 1 < blocks.Count && blocks[k + 1].StartA - (blocks[k].StartA + blocks[k].CountA) <= 2 * ContextLines)
            {
                k++;
            }

            var last = k++;
            var startA = Math.Max(0, blocks[first].StartA - ContextLines);
            var startB = Math.Max(0, blocks[first].StartB - ContextLines);
            var endA = Math.Min(a.Count, blocks[last].StartA + blocks[last].CountA + ContextLines);
            var endB = Math.Min(b.Count, blocks[last].StartB + blocks[last].CountB + ContextLines);
            text.Append("@@ -").Append(Range(startA, endA - startA)).Append(" +").Append(Range(startB, endB - startB)).Append(" @@\n");
            var ia = startA;
            for (var j = first; j <= last; j++)
            {
                var block = blocks[j];
                for (; ia < block.StartA; ia++)
                {
                    text.Append(' ').Append(a[ia]).Append('\n');
                }

                for (var d = 0; d < block.CountA; d++)
                {
                    text.Append('-').Append(a[block.StartA + d]).Append('\n');
                    removed.Add(a.Line(block.StartA + d));
                }

                for (var d = 0; d < block.CountB; d++)
                {
                    text.Append('+').Append(b[block.StartB + d]).Append('\n');
                    added.Add(b.Line(block.StartB + d));
                }

                ia = block.StartA + block.CountA;
            }

            for (; ia < endA; ia++)
            {
                text.Append(' ').Append(a[ia]).Append('\n');
            }
        }

        return new UnifiedDiff(text.ToString(), removed, added, notes);

        static string Range(int start, int count) => count == 1 ? $"{start + 1}" : $"{(count == 0 ? start : start + 1)},{count}";
    }
}
