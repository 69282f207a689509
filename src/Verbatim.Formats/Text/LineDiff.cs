namespace Verbatim.Formats.Text;

/// <summary>
/// A line diff that scales: the common prefix and suffix are trimmed; regions of up to <see cref="ExactLines"/> lines
/// are diffed exactly (Myers, minimal); larger ones split around a histogram anchor (a run of rare common lines) and
/// the parts are diffed in turn; a region without one (its common lines all occur very often) is diffed by Myers
/// within the work budget. A region the budget cannot pay for is reported as one replaced block.
/// </summary>
internal static class LineDiff
{
    /// <summary>Regions of at most this many lines (both sides) are diffed exactly, whatever the budget.</summary>
    public const int ExactLines = 256;

    /// <param name="a">The first side's lines as numbers (equal lines, equal numbers).</param>
    /// <param name="b">The second side's.</param>
    /// <param name="distinct">An upper bound of the line numbers, exclusive.</param>
    /// <param name="workLimit">The budget (<see cref="DiffBudget.DefaultLimit"/> when null).</param>
    /// <param name="cancellationToken">Checked as the budget is spent.</param>
    public static EditScript Compute(int[] a, int[] b, int distinct, long? workLimit = null, CancellationToken cancellationToken = default)
    {
        var changedA = new bool[a.Length];
        var changedB = new bool[b.Length];
        var budget = new DiffBudget(workLimit ?? DiffBudget.DefaultLimit((long)a.Length + b.Length), cancellationToken);
        var myers = new MyersDiff(a, b, changedA, changedB);
        HistogramAnchor? histogram = null;
        int replaced = 0, replacedA = 0, replacedB = 0;
        var regions = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        regions.Push((0, a.Length, 0, b.Length));
        while (regions.TryPop(out var region))
        {
            var (aLo, aHi, bLo, bHi) = region;
            var before = aHi - aLo;
            CommonEnds.Trim(a, b, ref aLo, ref aHi, ref bLo, ref bHi);

            budget.Charge(before - (aHi - aLo));
            if (aLo == aHi || bLo == bHi || aHi - aLo + (bHi - bLo) <= ExactLines)
            {
                myers.TryDiff(aLo, aHi, bLo, bHi, budget: null);
                continue;
            }

            histogram ??= new HistogramAnchor(a, b, distinct);
            var anchor = (A: 0, B: 0, Length: 0);
            var search = budget.IsExhausted ? AnchorSearch.OnlyFrequentLines : histogram.Find(aLo, aHi, bLo, bHi, budget, out anchor);
            if (search == AnchorSearch.Found)
            {
                regions.Push((anchor.A + anchor.Length, aHi, anchor.B + anchor.Length, bHi));
                regions.Push((aLo, anchor.A, bLo, anchor.B));
            }
            else if (search == AnchorSearch.NoCommonLine || !myers.TryDiff(aLo, aHi, bLo, bHi, budget))
            {
                changedA.AsSpan(aLo, aHi - aLo).Fill(true);
                changedB.AsSpan(bLo, bHi - bLo).Fill(true);
                if (search != AnchorSearch.NoCommonLine)
                {
                    replaced++;
                    replacedA += aHi - aLo;
                    replacedB += bHi - bLo;
                }
            }
        }

        return new EditScript(EditScript.FromMarks(changedA, changedB), replaced, replacedA, replacedB);
    }
}
