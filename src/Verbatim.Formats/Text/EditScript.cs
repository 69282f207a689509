namespace Verbatim.Formats.Text;

/// <summary>
/// The changes between two sequences of lines, in order, and how much the diff gave up on: regions it could not afford
/// to diff within its budget, reported as one replaced block each.
/// </summary>
internal sealed record EditScript(IReadOnlyList<DiffBlock> Blocks, int ReplacedRegions, int ReplacedLinesA, int ReplacedLinesB)
{
    /// <summary>The blocks of the lines marked changed; the unmarked lines of both sides must pair up in order.</summary>
    public static IReadOnlyList<DiffBlock> FromMarks(bool[] changedA, bool[] changedB)
    {
        var blocks = new List<DiffBlock>();
        int i = 0, j = 0;
        while (i < changedA.Length || j < changedB.Length)
        {
            if (i < changedA.Length && j < changedB.Length && !changedA[i] && !changedB[j])
            {
                i++;
                j++;
                continue;
            }

            int startA = i, startB = j;
            while (i < changedA.Length && changedA[i])
            {
                i++;
            }

            while (j < changedB.Length && changedB[j])
            {
                j++;
            }

            if (i == startA && j == startB)
            {
                throw new InvalidOperationException($"the line diff left lines unpaired at {i} and {j}");
            }

            blocks.Add(new DiffBlock(startA, i - startA, startB, j - startB));
        }

        return blocks;
    }
}
