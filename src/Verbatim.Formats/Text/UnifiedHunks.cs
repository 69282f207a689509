using System.Text;

namespace Verbatim.Formats.Text;

/// <summary>
/// Writes an edit script as unified-diff hunks with <see cref="UnifiedDiff.ContextLines"/> lines of context (no
/// ---/+++ header); blocks whose context overlaps share a hunk, as with <c>diff -u</c>.
/// </summary>
internal static class UnifiedHunks
{
    public static (string Text, IReadOnlyList<string> Removed, IReadOnlyList<string> Added) Write(TextLines a, TextLines b, IReadOnlyList<DiffBlock> blocks)
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

        return (text.ToString(), removed, added);
    }

    /// <summary>The hunks: blocks whose context overlaps are grouped into one.</summary>
    private static List<(int First, int Last, int StartA, int EndA, int StartB, int EndB)> Hunks(TextLines a, TextLines b, IReadOnlyList<DiffBlock> blocks)
    {
        var hunks = new List<(int First, int Last, int StartA, int EndA, int StartB, int EndB)>();
        var k = 0;
        while (k < blocks.Count)
        {
            var first = k;
            while (k + 1 < blocks.Count && blocks[k + 1].StartA - (blocks[k].StartA + blocks[k].CountA) <= 2 * UnifiedDiff.ContextLines)
            {
                k++;
            }

            var last = k++;
            hunks.Add((first, last,
                Math.Max(0, blocks[first].StartA - UnifiedDiff.ContextLines),
                Math.Min(a.Count, blocks[last].StartA + blocks[last].CountA + UnifiedDiff.ContextLines),
                Math.Max(0, blocks[first].StartB - UnifiedDiff.ContextLines),
                Math.Min(b.Count, blocks[last].StartB + blocks[last].CountB + UnifiedDiff.ContextLines)));
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
