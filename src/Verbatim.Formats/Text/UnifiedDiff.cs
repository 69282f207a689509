using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Verbatim.Formats.Text;

/// <summary>A line diff of two texts as unified-diff hunks (no ---/+++ header), with the changed lines for classifying.</summary>
public sealed record UnifiedDiff(string Text, IReadOnlyList<string> Removed, IReadOnlyList<string> Added)
{
    public const int ContextLines = 3;

    public static UnifiedDiff? Create(string left, string right)
    {
        // A final newline ends the last line; it does not start an empty one.
        if (left.EndsWith('\n') && right.EndsWith('\n'))
        {
            left = left[..^1];
            right = right[..^1];
        }

        var result = new Differ().CreateLineDiffs(left, right, ignoreWhitespace: false, ignoreCase: false);
        if (result.DiffBlocks.Count == 0)
        {
            return null;
        }

        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var text = new StringBuilder();
        var removed = new List<string>();
        var added = new List<string>();
        var blocks = result.DiffBlocks;
        var k = 0;
        while (k < blocks.Count)
        {
            // Group blocks whose context overlaps into one hunk.
            var first = k;
            while (k + 1 < blocks.Count && blocks[k + 1].DeleteStartA - (blocks[k].DeleteStartA + blocks[k].DeleteCountA) <= 2 * ContextLines)
            {
                k++;
            }

            var last = k++;
            var startA = Math.Max(0, blocks[first].DeleteStartA - ContextLines);
            var startB = Math.Max(0, blocks[first].InsertStartB - ContextLines);
            var endA = Math.Min(a.Length, blocks[last].DeleteStartA + blocks[last].DeleteCountA + ContextLines);
            var endB = Math.Min(b.Length, blocks[last].InsertStartB + blocks[last].InsertCountB + ContextLines);
            text.Append("@@ -").Append(Range(startA, endA - startA)).Append(" +").Append(Range(startB, endB - startB)).Append(" @@\n");
            var ia = startA;
            for (var j = first; j <= last; j++)
            {
                var block = blocks[j];
                for (; ia < block.DeleteStartA; ia++)
                {
                    text.Append(' ').Append(a[ia]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    text.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                    removed.Add(a[block.DeleteStartA + d]);
                }

                for (var d = 0; d < block.InsertCountB; d++)
                {
                    text.Append('+').Append(b[block.InsertStartB + d]).Append('\n');
                    added.Add(b[block.InsertStartB + d]);
                }

                ia = block.DeleteStartA + block.DeleteCountA;
            }

            for (; ia < endA; ia++)
            {
                text.Append(' ').Append(a[ia]).Append('\n');
            }
        }

        return new UnifiedDiff(text.ToString(), removed, added);

        static string Range(int start, int count) => count == 1 ? $"{start + 1}" : $"{(count == 0 ? start : start + 1)},{count}";
    }
}
