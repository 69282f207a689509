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
        var hunks = Hunks(a, b, blocks);
        var text = new StringBuilder(Length(a, b, blocks, hunks));
        var removed = new LineList(a);
        var added = new LineList(b);
        foreach (var hunk in hunks)
        {
            text.Append("@@ -").Append(Range(hunk.StartA, hunk.EndA - hunk.StartA)).Append(" +").Append(Range(hunk.StartB, hunk.EndB - hunk.StartB)).Append(" @@\n");
            var ia = hunk.StartA;
            for (var j = hunk.First; j <= hunk.Last; j++)
            {
                var block = blocks[j];
                for (; ia < block.StartA; ia++)
                {
                    text.Append(' ').Append(a[ia]).Append('\n');
                }

                for (var d = 0; d < block.CountA; d++)
                {
                    text.Append('-').Append(a[block.StartA + d]).Append('\n');
                    removed.Add(block.StartA + d);
                }

                for (var d = 0; d < block.CountB; d++)
                {
                    text.Append('+').Append(b[block.StartB + d]).Append('\n');
                    added.Add(block.StartB + d);
                }

                ia = block.StartA + block.CountA;
            }

            for (; ia < hunk.EndA; ia++)
            {
                text.Append(' ').Append(a[ia]).Append('\n');
            }
        }

        return new UnifiedDiff(text.ToString(), removed, added, notes);
    }

    /// <summary>The hunks: blocks whose context overlaps are grouped into one.</summary>
    private static List<(int First, int Last, int StartA, int EndA, int StartB, int EndB)> Hunks(TextLines a, TextLines b, IReadOnlyList<DiffBlock> blocks)
    {
        var hunks = new List<(int First, int Last, int StartA, int EndA, int StartB, int EndB)>();
        var k = 0;
        while (k < blocks.Count)
        {
            var first = k;
            while (k + 1 < blocks.Count && blocks[k + 1].StartA - (blocks[k].StartA + blocks[k].CountA) <= 2 * ContextLines)
            {
                k++;
            }

            var last = k++;
            hunks.Add((first, last,
                Math.Max(0, blocks[first].StartA - ContextLines),
                Math.Min(a.Count, blocks[last].StartA + blocks[last].CountA + ContextLines),
                Math.Max(0, blocks[first].StartB - ContextLines),
                Math.Min(b.Count, blocks[last].StartB + blocks[last].CountB + ContextLines)));
        }

        return hunks;
    }

    /// <summary>The length of the hunks' text, so that it is built in one piece.</summary>
    private static int Length(TextLines a, TextLines b, IReadOnlyList<DiffBlock> blocks, List<(int First, int Last, int StartA, int EndA, int StartB, int EndB)> hunks)
    {
        long length = 0;
        foreach (var hunk in hunks)
        {
            length += 40;
            for (var i = hunk.StartA; i < hunk.EndA; i++)
            {
                length += a[i].Length + 2;
            }

            for (var j = hunk.First; j <= hunk.Last; j++)
            {
                for (var d = 0; d < blocks[j].CountB; d++)
                {
                    length += b[blocks[j].StartB + d].Length + 2;
                }
            }
        }

        return (int)Math.Min(length, Array.MaxLength);
    }

    private static string Range(int start, int count) => count == 1 ? $"{start + 1}" : $"{(count == 0 ? start : start + 1)},{count}";
}
