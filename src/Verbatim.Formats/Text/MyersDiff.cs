namespace Verbatim.Formats.Text;

/// <summary>
/// Myers' O((N+M)·D) diff in linear space ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b):
/// a forward and a backward search meet in a middle snake, which splits the region into two halves of about D/2 edits
/// each. Only the two vectors of furthest-reaching points are kept, so memory is O(N+M); the edit script is minimal.
/// </summary>
internal sealed class MyersDiff(int[] a, int[] b, bool[] changedA, bool[] changedB)
{
    private int[] forward = [];
    private int[] backward = [];

    /// <summary>
    /// Marks the lines of a[aLo..aHi) and b[bLo..bHi) that a minimal edit script changes. False when
    /// <paramref name="budget"/> ran out first; the region's marks are then incomplete and the caller must overwrite them.
    /// </summary>
    public bool TryDiff(int aLo, int aHi, int bLo, int bHi, DiffBudget? budget)
    {
        CommonEnds.Trim(a, b, ref aLo, ref aHi, ref bLo, ref bHi);

        if (aLo == aHi || bLo == bHi)
        {
            changedA.AsSpan(aLo, aHi - aLo).Fill(true);
            changedB.AsSpan(bLo, bHi - bLo).Fill(true);
            return true;
        }

        // Both halves have fewer edits than the region (its first and last lines differ, so D ≥ 2): this ends.
        return FindMiddleSnake(aLo, aHi, bLo, bHi, budget, out var snake)
            && TryDiff(aLo, snake.X0, bLo, snake.Y0, budget)
            && TryDiff(snake.X1, aHi, snake.Y1, bHi, budget);
    }

    private bool FindMiddleSnake(int aLo, int aHi, int bLo, int bHi, DiffBudget? budget, out (int X0, int Y0, int X1, int Y1) snake)
    {
        // Coordinates are relative to (aLo, bLo); diagonal k holds the points with x − y = k; -1 marks a diagonal
        // that no path of this many edits reaches inside the grid.
        var n = aHi - aLo;
        var m = bHi - bLo;
        var max = (n + m + 1) / 2;
        var delta = n - m;
        var odd = (delta & 1) != 0;
        var size = (2 * max) + 3;
        if (forward.Length < size)
        {
            forward = new int[size];
            backward = new int[size];
        }

        var f = forward.AsSpan(0, size);
        var r = backward.AsSpan(0, size);
        var offF = max + 1;
        var offR = max + 1 - delta;
        for (var d = 0; d <= max; d++)
        {
            long steps = (4 * d) + 2;
            for (var k = -d; k <= d; k += 2)
            {
                int x;
                if (d == 0)
                {
                    x = 0;
                }
                else
                {
                    var deletion = k > -d && f[k - 1 + offF] >= 0 && f[k - 1 + offF] < n ? f[k - 1 + offF] + 1 : -1;
                    var insertion = k < d && f[k + 1 + offF] >= 0 && f[k + 1 + offF] - k <= m ? f[k + 1 + offF] : -1;
                    x = Math.Max(deletion, insertion);
                    if (x < 0)
                    {
                        f[k + offF] = -1;
                        continue;
                    }
                }

                var y = x - k;
                int x0 = x, y0 = y;
                while (x < n && y < m && a[aLo + x] == b[bLo + y])
                {
                    x++;
                    y++;
                }

                steps += x - x0;
                f[k + offF] = x;
                if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && r[k + offR] >= 0 && x >= r[k + offR])
                {
                    snake = (aLo + x0, bLo + y0, aLo + x, bLo + y);
                    return true;
                }
            }

            for (var k = delta - d; k <= delta + d; k += 2)
            {
                int x;
                if (d == 0)
                {
                    x = n;
                }
                else
                {
                    var deletion = k < delta + d && r[k + 1 + offR] > 0 ? r[k + 1 + offR] - 1 : -1;
                    var insertion = k > delta - d && r[k - 1 + offR] >= 0 && r[k - 1 + offR] - k >= 0 ? r[k - 1 + offR] : -1;
                    x = deletion < 0 ? insertion : insertion < 0 ? deletion : Math.Min(deletion, insertion);
                    if (x < 0)
                    {
                        r[k + offR] = -1;
                        continue;
                    }
                }

                var y = x - k;
                int x1 = x, y1 = y;
                while (x > 0 && y > 0 && a[aLo + x - 1] == b[bLo + y - 1])
                {
                    x--;
                    y--;
                }

                steps += x1 - x;
                r[k + offR] = x;
                if (!odd && k >= -d && k <= d && f[k + offF] >= 0 && x <= f[k + offF])
                {
                    snake = (aLo + x, bLo + y, aLo + x1, bLo + y1);
                    return true;
                }
            }

            if (budget is not null && !budget.TryCharge(steps))
            {
                snake = default;
                return false;
            }
        }

        throw new InvalidOperationException("the forward and backward searches of the line diff did not meet");
    }
}
