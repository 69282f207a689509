using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Verbatim.Formats.Text;

namespace Verbatim.Tests.Formats.Text;

public class UnifiedDiffTests
{
    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Identical_texts_and_texts_differing_only_in_line_endings_have_no_hunks()
    {
        Assert.Null(UnifiedDiff.Create("a\nb\n", "a\nb\n"));
        Assert.Null(UnifiedDiff.Create("a\r\nb\r\n", "a\nb\n"));
        Assert.Null(UnifiedDiff.Create("a\rb", "a\nb"));
        Assert.Null(UnifiedDiff.Create("a\r\nb", "a\nb"));
        Assert.Null(UnifiedDiff.Create("", ""));
    }

    [Fact]
    public void An_empty_text_has_no_lines()
    {
        Assert.Equal("@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Create("", "a\nb\n")!.Text);
        Assert.Equal("@@ -1,2 +0,0 @@\n-a\n-b\n", UnifiedDiff.Create("a\nb", "")!.Text);
        Assert.Equal("@@ -0,0 +1 @@\n+\n", UnifiedDiff.Create("", "\n")!.Text);
    }

    [Fact]
    public void Texts_without_a_final_newline()
    {
        Assert.Equal("@@ -1,2 +1,2 @@\n a\n-b\n+c\n", UnifiedDiff.Create("a\nb", "a\nc")!.Text);

        // As before: when only one text ends with a newline, its last line break is followed by an empty line.
        Assert.Equal("@@ -1,2 +1,3 @@\n a\n b\n+\n", UnifiedDiff.Create("a\nb", "a\nb\n")!.Text);
    }

    [Fact]
    public void Crlf_line_endings_are_not_part_of_the_lines()
    {
        var diff = UnifiedDiff.Create("one\r\ntwo\r\nthree\r\n", "one\ntwo 2\nthree\n")!;
        Assert.Equal("@@ -1,3 +1,3 @@\n one\n-two\n+two 2\n three\n", diff.Text);
        Assert.Equal(["two"], diff.Removed);
        Assert.Equal(["two 2"], diff.Added);
    }

    [Fact]
    public void A_complete_replacement_is_one_hunk_of_removals_then_additions()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\n", "x\ny\n")!;
        Assert.Equal("@@ -1,3 +1,2 @@\n-a\n-b\n-c\n+x\n+y\n", diff.Text);
        Assert.Empty(diff.Notes);
    }

    [Fact]
    public void Changes_six_lines_apart_share_a_hunk_and_seven_apart_do_not()
    {
        var a = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var six = a.Replace("1\n2\n", "1x\n2\n", StringComparison.Ordinal).Replace("\n8\n", "\n8x\n", StringComparison.Ordinal);
        var seven = a.Replace("1\n2\n", "1x\n2\n", StringComparison.Ordinal).Replace("\n9\n", "\n9x\n", StringComparison.Ordinal);
        Assert.Equal("@@ -1,11 +1,11 @@\n-1\n+1x\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+8x\n 9\n 10\n 11\n", UnifiedDiff.Create(a, six)!.Text);
        Assert.Equal("@@ -1,4 +1,4 @@\n-1\n+1x\n 2\n 3\n 4\n@@ -6,7 +6,7 @@\n 6\n 7\n 8\n-9\n+9x\n 10\n 11\n 12\n", UnifiedDiff.Create(a, seven)!.Text);
    }

    [Fact]
    public void Applying_the_hunks_to_the_first_text_gives_the_second() =>
        Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var words = new[] { "", "x", "{", "}", "return a;", "  b++;", "c" };
            var a = Enumerable.Range(0, random.Next(0, 80)).Select(_ => words[random.Next(words.Length)]).ToList();
            var b = a.Where(_ => random.Next(6) > 0).Select(w => random.Next(8) == 0 ? words[random.Next(words.Length)] : w).ToList();
            b.InsertRange(random.Next(b.Count + 1), a.Take(random.Next(4)));
            var diff = UnifiedDiff.Create(Text(a), Text(b));
            Assert.Equal(b, diff is null ? a : Patch.Apply(a, diff.Text));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void A_huge_text_with_many_scattered_changes_is_diffed_in_full()
    {
        // 200,000 lines of code-like text; 3,000 edits scattered over it.
        var random = new Random(11);
        var a = Enumerable.Range(0, 200_000).Select(i => i % 10 == 0 ? "}" : $"    var v{i} = f(v{i - 1}, {random.Next(1000)});").ToList();
        var b = new List<string>(a);
        var script = 0;
        for (var k = 0; k < 3000; k++)
        {
            var at = random.Next(b.Count);
            var op = random.Next(3);
            script += op == 0 ? 2 : 1;
            switch (op)
            {
                case 0:
                    b[at] += " // changed";
                    break;
                case 1:
                    b.RemoveAt(at);
                    break;
                default:
                    b.Insert(at, $"    log({k});");
                    break;
            }
        }

        var diff = UnifiedDiff.Create(Text(a), Text(b))!;
        Assert.Empty(diff.Notes);
        Assert.Equal(b, Patch.Apply(a, diff.Text));
        Assert.InRange(diff.Removed.Count + diff.Added.Count, 1, script); // no more lines than the edits made changed
    }

    [Fact]
    public void A_diff_cut_short_by_its_work_limit_says_so_and_still_applies()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 4000).Select(_ => random.Next(2) == 0 ? "}" : "").ToList();
        var b = Enumerable.Range(0, 4000).Select(_ => random.Next(2) == 0 ? "}" : "").ToList();
        var diff = UnifiedDiff.Create(Text(a), Text(b), workLimit: 10_000)!;
        var note = Assert.Single(diff.Notes);
        Assert.StartsWith("the line diff reached its work limit: 1 region(s)", note, StringComparison.Ordinal);
        Assert.Equal(b, Patch.Apply(a, diff.Text));
    }

    private static string Text(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
