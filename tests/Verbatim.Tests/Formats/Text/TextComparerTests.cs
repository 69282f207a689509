using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Text;

public class TextComparerTests
{
    [Fact]
    public void A_text_diff_cut_short_by_its_work_limit_carries_a_comment()
    {
        // 60,000 lines drawn from two: no anchor, and Myers would need D ≈ 23,000 over 120,000 lines.
        using var dir = new TempDir();
        var random = new Random(5);
        var a = dir.Write("a.txt", string.Concat(Enumerable.Range(0, 60_000).Select(_ => random.Next(2) == 0 ? "}\n" : "{\n")));
        var b = dir.Write("b.txt", string.Concat(Enumerable.Range(0, 60_000).Select(_ => random.Next(2) == 0 ? "}\n" : "{\n")));
        var text = Assert.Single(Diff.Run(a, b).Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.Contains(text.Comments, c => c.StartsWith("the line diff reached its work limit: 1 region(s)", StringComparison.Ordinal));
        Assert.NotNull(text.UnifiedDiff);
    }

    [Fact]
    public void Crlf_against_lf_is_a_line_endings_field()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "one\r\ntwo\r\n");
        var b = dir.Write("b.txt", "one\ntwo\n");
        var field = Assert.Single(Diff.Run(a, b).Root.All(), d => d.Kind == DifferenceKind.Field);
        Assert.Equal("line endings", field.Field);
        Assert.Contains("CRLF", field.Left, StringComparison.Ordinal);
    }
}
