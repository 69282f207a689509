namespace Verbatim.Formats.Text;

/// <summary>What <see cref="HistogramAnchor.Find"/> found in a region.</summary>
internal enum AnchorSearch
{
    /// <summary>A run of common lines to keep; the region splits around it.</summary>
    Found,

    /// <summary>No line of the second side occurs in the first: every line changed.</summary>
    NoCommonLine,

    /// <summary>Common lines exist, but each occurs more than <see cref="HistogramAnchor.MaxOccurrences"/> times.</summary>
    OnlyFrequentLines,
}

/// <summary>
/// The anchor of a histogram diff (as git's <c>--histogram</c>): the run of lines common to both sides whose rarest
/// line occurs least often in the first side, the longest such run, the one nearest the middle on a tie (so that
/// uniform inputs split evenly). The region is then diffed on either side of it.
/// </summary>
internal sealed class HistogramAnchor(int[] a, int[] b, int distinct)
{
    /// <summary>Lines occurring more often than this in the first side are not anchors (git's limit).</summary>
    public const int MaxOccurrences = 64;

    private readonly int[] occurrences = new int[distinct];
    private readonly int[] first = new int[distinct];
    private readonly int[] next = new int[a.Length];

    /// <summary>Searches a[aLo..aHi) against b[bLo..bHi), charging the work to <paramref name="budget"/>.</summary>
    public AnchorSearch Find(int aLo, int aHi, int bLo, int bHi, DiffBudget budget, out (int A, int B, int Length) anchor)
    {
        // Occurrences of each line in a[aLo..aHi), chained in increasing position.
        for (var i = aHi - 1; i >= aLo; i--)
        {
            var id = a[i];
            next[i] = occurrences[id] == 0 ? -1 : first[id];
            first[id] = i;
            occurrences[id]++;
        }

        var best = (A: -1, B: -1, Length: 0);
        var bestCount = MaxOccurrences;
        var bestDistance = long.MaxValue;
        var common = false;
        long steps = (aHi - aLo) * 2L;
        for (var j = bLo; j < bHi;)
        {
            var count = occurrences[b[j]];
            var jNext = j + 1;
            if (count > 0)
            {
                common = true;
            }

            if (count == 0 || count > bestCount)
            {
                j = jNext;
                continue;
            }

            for (var i = first[b[j]]; i >= 0;)
            {
                int aStart = i, bStart = j, aEnd = i + 1, bEnd = j + 1, rarest = count;
                while (aStart > aLo && bStart > bLo && a[aStart - 1] == b[bStart - 1])
                {
                    aStart--;
                    bStart--;
                    rarest = Math.Min(rarest, occurrences[a[aStart]]);
                }

                while (aEnd < aHi && bEnd < bHi && a[aEnd] == b[bEnd])
                {
                    rarest = Math.Min(rarest, occurrences[a[aEnd]]);
                    aEnd++;
                    bEnd++;
                }

                var length = aEnd - aStart;
                steps += length + 1;
                jNext = Math.Max(jNext, bEnd);
                var distance = Math.Abs((2L * bStart) + length - bLo - bHi);
                if (rarest < bestCount || (rarest == bestCount && (length > best.Length || (length == best.Length && distance < bestDistance))))
                {
                    best = (aStart, bStart, length);
                    bestCount = rarest;
                    bestDistance = distance;
                }

                // The next occurrence past this run: those inside it would find the same run again.
                do
                {
                    i = next[i];
                }
                while (i >= 0 && i < aEnd);
            }

            j = jNext;
        }

        for (var i = aLo; i < aHi; i++)
        {
            occurrences[a[i]] = 0;
        }

        anchor = best;
        steps += bHi - bLo;
        budget.Charge(steps);
        return best.Length > 0 ? AnchorSearch.Found
            : common ? AnchorSearch.OnlyFrequentLines
            : AnchorSearch.NoCommonLine;
    }
}
