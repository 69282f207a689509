using Verbatim.Formats.Text;

namespace Verbatim.Tests.Formats.Text;

/// <summary>What the line diff tests check an edit script against: applying it, and the length of a longest common subsequence.</summary>
internal static class EditScripts
{
    /// <summary>The second side rebuilt from the first and the blocks (checking that they are in order and in range).</summary>
    public static int[] Apply(int[] a, int[] b, IReadOnlyList<DiffBlock> blocks)
    {
        var result = new List<int>();
        var ia = 0;
        foreach (var block in blocks)
        {
            Assert.True(block.StartA >= ia, $"block at {block.StartA} overlaps the previous one");
            Assert.True(block.CountA + block.CountB > 0, "empty block");
            result.AddRange(a[ia..block.StartA]);
            Assert.Equal(result.Count, block.StartB);
            result.AddRange(b[block.StartB..(block.StartB + block.CountB)]);
            ia = block.StartA + block.CountA;
        }

        result.AddRange(a[ia..]);
        return [.. result];
    }

    public static int Edits(IReadOnlyList<DiffBlock> blocks) => blocks.Sum(b => b.CountA + b.CountB);

    /// <summary>The length of a longest common subsequence, by the textbook O(N·M) table.</summary>
    public static int Lcs(int[] a, int[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static int[] Random(Random random, int maxLength, int alphabet) =>
        [.. Enumerable.Range(0, random.Next(maxLength + 1)).Select(_ => random.Next(alphabet))];

    /// <summary>
    /// Unique lines (0, 1, 2, …) and a copy with some runs deleted, inserted (fresh numbers) or replaced; returns how
    /// many lines the copy kept, which is then the longest common subsequence.
    /// </summary>
    public static (int[] A, int[] B, int Kept) Mutated(Random random, int length, int edits)
    {
        var a = Enumerable.Range(0, length).ToArray();
        var b = new List<int>();
        var fresh = length;
        var kept = 0;
        var editAt = new SortedSet<int>(Enumerable.Range(0, edits).Select(_ => random.Next(length + 1)));
        for (var i = 0; i <= length;)
        {
            if (editAt.Contains(i))
            {
                var deleted = random.Next(3) == 0 ? 0 : random.Next(1, 6);
                var inserted = deleted == 0 ? random.Next(1, 6) : random.Next(0, 6);
                for (var k = 0; k < inserted; k++)
                {
                    b.Add(fresh++);
                }

                editAt.Remove(i);
                i += deleted;
                continue;
            }

            if (i < length)
            {
                b.Add(a[i]);
                kept++;
            }

            i++;
        }

        return (a, [.. b], kept);
    }
}
