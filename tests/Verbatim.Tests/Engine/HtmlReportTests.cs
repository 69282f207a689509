using System.Text.RegularExpressions;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Engine;

public class HtmlReportTests
{
    [Fact]
    public void Members_are_marked_as_changed_in_content_or_in_metadata_only()
    {
        using var dir = new TempDir();
        dir.Write("a/content.txt", "one\n");
        dir.Write("b/content.txt", "two\n");
        dir.Write("a/mode.txt", "same\n");
        dir.Write("b/mode.txt", "same\n");
        File.SetUnixFileMode(dir.File("b/mode.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        var html = HtmlReport.Render(result.Path1, result.Path2, result.Root, result.Summary);
        Assert.Matches("<summary>content.txt <span class=\"fmt\">\\[text\\]</span><span class=\"tag content\">content changed</span></summary>", html);
        Assert.Matches("<summary>mode.txt<span class=\"tag meta\">metadata only</span></summary>", html);
    }

    [Fact]
    public void The_page_stops_at_the_report_size_limit_and_says_what_it_left_out()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 300; i++)
        {
            dir.Write($"a/f{i:000}.txt", string.Concat(Enumerable.Range(0, 40).Select(n => $"line {n} of file {i}\n")));
            dir.Write($"b/f{i:000}.txt", string.Concat(Enumerable.Range(0, 40).Select(n => $"line {n} of file {i} changed\n")));
        }

        var result = Diff.Run(dir.File("a"), dir.File("b"));
        var whole = HtmlReport.Render(result.Path1, result.Path2, result.Root, result.Summary);
        var cut = HtmlReport.Render(result.Path1, result.Path2, result.Root, result.Summary, 100_000);
        Assert.True(whole.Length > 1_000_000, $"the whole page is {whole.Length} characters");
        Assert.InRange(cut.Length, 50_000, 100_000);
        Assert.Matches(@"\d+ more differences are not shown: the page reached its size limit \(--max-report-size\)", cut);
        Assert.EndsWith("</body></html>\n", cut, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(cut, "<details"), Regex.Count(cut, "</details>"));
    }

    [Fact]
    public void Hex_ranges_are_rows_of_sixteen_bytes_with_both_sides_on_one_row()
    {
        using var dir = new TempDir();
        var left = new byte[64];
        var right = new byte[64];
        right.AsSpan(10, 32).Fill(0xff);
        var a = dir.Write("a.bin", left);
        var b = dir.Write("b.bin", right);
        var result = Diff.Run(a, b, new DiffOptions());
        var html = HtmlReport.Render(result.Path1, result.Path2, result.Root, result.Summary);
        const string zeros = "0000 0000 0000 0000 0000 0000 0000 0000";
        const string ones = "ffff ffff ffff ffff ffff ffff ffff ffff";
        Assert.Contains($"<tr><td class=\"n\">a</td><td class=\"l\">{zeros}</td><td class=\"n\">a</td><td class=\"r\">{ones}</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><td class=\"n\">1a</td><td class=\"l\">{zeros}</td><td class=\"n\">1a</td><td class=\"r\">{ones}</td></tr>", html, StringComparison.Ordinal);
    }
}
