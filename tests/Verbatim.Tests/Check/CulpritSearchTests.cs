using Verbatim.Check.Bisection;
using Verbatim.Check.Variations;

namespace Verbatim.Tests.Check;

/// <summary>The search over subsets, against probes whose answer is a rule over the variations (no build involved).</summary>
public sealed class CulpritSearchTests
{
    private const string Key = "dist/out";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Names_any_single_culprit_within_log2_builds_plus_one(int parallelism)
    {
        for (var n = 1; n <= VariationRegistry.All.Count; n++)
        {
            var variations = VariationRegistry.All.Take(n).ToList();
            foreach (var culprit in variations)
            {
                var (found, builds) = Search(variations, s => s.Contains(culprit), parallelism);
                Assert.Equal([culprit], found);

                // Plus the two controls and the experiment under all: within 2·log2(N)+2 in all.
                Assert.True(builds <= Math.Ceiling(Math.Log2(n)) + 1, $"{builds} probes for {culprit.Name} among {n}");
                // (For 2, 3 and 5 variations the confirmation build of an inferred culprit can pass it: 2·log2(5)+2 is 6.6.)
                Assert.True(n < 6 || builds + 3 <= (2 * Math.Log2(n)) + 2, $"{builds + 3} builds among {n}");
            }
        }
    }

    [Fact]
    public void Finds_a_pair_that_only_differs_together()
    {
        var variations = VariationRegistry.All.ToList();
        var (a, b) = (variations[3], variations[9]);
        var (found, _) = Search(variations, s => s.Contains(a) && s.Contains(b), 2);
        Assert.Equal([a, b], found);
    }

    [Fact]
    public void Of_two_culprits_that_each_suffice_names_one()
    {
        var variations = VariationRegistry.All.ToList();
        var (found, _) = Search(variations, s => s.Contains(variations[1]) || s.Contains(variations[12]), 2);
        Assert.True(found.SequenceEqual([variations[1]]) || found.SequenceEqual([variations[12]]));
    }

    private static (IReadOnlyList<IVariation> Found, int Builds) Search(IReadOnlyList<IVariation> variations, Func<IReadOnlyList<IVariation>, bool> shows, int parallelism)
    {
        var built = new HashSet<string>(StringComparer.Ordinal);
        var search = new CulpritSearch(
            subset =>
            {
                lock (built)
                {
                    built.Add(CulpritSearch.Name(subset));
                }

                return Task.FromResult<IReadOnlySet<string>>(shows(subset) ? new HashSet<string> { Key } : new HashSet<string>());
            },
            parallelism);
        var found = search.FindAsync(Key, variations).GetAwaiter().GetResult();
        built.Remove(CulpritSearch.Name(variations));
        return (found, built.Count);
    }
}
