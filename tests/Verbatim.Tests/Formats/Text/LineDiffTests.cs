using FsCheck;
using FsCheck.Fluent;
using Verbatim.Formats.Text;

namespace Verbatim.Tests.Formats.Text;

/// <summary>Properties of the line diff over generated sequences of line numbers.</summary>
public class LineDiffTests
{
    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Small_inputs_get_a_minimal_script_that_turns_a_into_b() =>
        Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var alphabet = random.Next(1, 7);
            var a = EditScripts.Random(random, 60, alphabet);
            var b = EditScripts.Random(random, 60, alphabet);
            var script = LineDiff.Compute(a, b, alphabet);
            Assert.Equal(b, EditScripts.Apply(a, b, script.Blocks));
            Assert.Equal(a.Length + b.Length - (2 * EditScripts.Lcs(a, b)), EditScripts.Edits(script.Blocks));
            Assert.Equal(0, script.ReplacedRegions);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void Myers_alone_is_minimal_on_larger_inputs() =>
        Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var alphabet = random.Next(2, 30);
            var a = EditScripts.Random(random, 400, alphabet);
            var b = random.Next(2) == 0 ? EditScripts.Random(random, 400, alphabet) : [.. a.Where(_ => random.Next(8) > 0).Select(x => random.Next(10) == 0 ? random.Next(alphabet) : x)];
            var changedA = new bool[a.Length];
            var changedB = new bool[b.Length];
            Assert.True(new MyersDiff(a, b, changedA, changedB).TryDiff(0, a.Length, 0, b.Length, budget: null));
            var blocks = EditScript.FromMarks(changedA, changedB);
            Assert.Equal(b, EditScripts.Apply(a, b, blocks));
            Assert.Equal(a.Length + b.Length - (2 * EditScripts.Lcs(a, b)), EditScripts.Edits(blocks));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    [Fact]
    public void Large_inputs_split_by_histogram_anchors_still_give_b() =>
        Prop.ForAll(Seeds, seed =>
        {
            // Lines repeat (a small alphabet) and regions mix rare and frequent lines: anchors, Myers and plain replacement.
            var random = new Random(seed);
            var alphabet = random.Next(2, 3000);
            var a = EditScripts.Random(random, 3000, alphabet);
            var b = a.Where(_ => random.Next(20) > 0).Select(x => random.Next(30) == 0 ? random.Next(alphabet) : x).ToArray();
            var script = LineDiff.Compute(a, b, alphabet);
            Assert.Equal(b, EditScripts.Apply(a, b, script.Blocks));
            Assert.Equal(0, script.ReplacedRegions);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));

    [Fact]
    public void Edits_between_unique_lines_are_found_exactly() =>
        Prop.ForAll(Seeds, seed =>
        {
            // With unique lines and no moves, the untouched lines are the only common subsequence: anchors cannot mislead.
            var random = new Random(seed);
            var (a, b, kept) = EditScripts.Mutated(random, random.Next(300, 20000), random.Next(1, 200));
            var script = LineDiff.Compute(a, b, a.Length + b.Length);
            Assert.Equal(b, EditScripts.Apply(a, b, script.Blocks));
            Assert.Equal(a.Length + b.Length - (2 * kept), EditScripts.Edits(script.Blocks));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));

    [Fact]
    public void A_pathological_region_beyond_the_budget_is_one_replaced_block()
    {
        // Two lines only, each far more frequent than any anchor may be: Myers alone, with D in the thousands.
        var random = new Random(7);
        var a = Enumerable.Range(0, 6000).Select(_ => random.Next(2)).ToArray();
        var b = Enumerable.Range(0, 6000).Select(_ => random.Next(2)).ToArray();
        var script = LineDiff.Compute(a, b, 2, workLimit: 100_000);
        Assert.Equal(b, EditScripts.Apply(a, b, script.Blocks));
        Assert.Equal(1, script.ReplacedRegions);
        var block = Assert.Single(script.Blocks);
        Assert.Equal(block.CountA, script.ReplacedLinesA);
        Assert.Equal(block.CountB, script.ReplacedLinesB);
    }

    [Fact]
    public void The_same_pathological_region_is_diffed_in_full_within_the_default_budget()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 3000).Select(_ => random.Next(2)).ToArray();
        var b = Enumerable.Range(0, 3000).Select(_ => random.Next(2)).ToArray();
        var script = LineDiff.Compute(a, b, 2);
        Assert.Equal(0, script.ReplacedRegions);
        Assert.Equal(a.Length + b.Length - (2 * EditScripts.Lcs(a, b)), EditScripts.Edits(script.Blocks));
    }

    [Theory]
    [InlineData(new int[0], new int[0], 0)]
    [InlineData(new int[0], new[] { 1, 2 }, 2)]
    [InlineData(new[] { 1, 2 }, new int[0], 2)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, 0)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 4, 5 }, 5)]
    public void Edge_cases(int[] a, int[] b, int edits)
    {
        var script = LineDiff.Compute(a, b, 6);
        Assert.Equal(b, EditScripts.Apply(a, b, script.Blocks));
        Assert.Equal(edits, EditScripts.Edits(script.Blocks));
        Assert.Equal(edits == 0 ? 0 : 1, script.Blocks.Count);
    }
}
