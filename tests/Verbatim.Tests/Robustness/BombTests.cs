using System.Text.Json;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Nested zip bombs (42.zip style): expansion and the report are bounded across all depths.</summary>
public class BombTests
{
    /// <summary>64 MiB of zeros deflates to about 1/1030 of it: past the 1000:1 ratio limit, so never expanded.</summary>
    private static readonly byte[] Leaf = new byte[64 << 20];

    private static byte[] ChangedLeaf()
    {
        var leaf = new byte[Leaf.Length];
        leaf[^1] = 1;
        return leaf;
    }

    [Fact]
    public void Differing_nested_bombs_give_a_bounded_report_that_still_says_different()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", Fixtures.NestedZipBomb(Leaf, 4));
        var b = dir.Write("b.zip", Fixtures.NestedZipBomb(ChangedLeaf(), 4));
        Assert.True(new FileInfo(a).Length < 1 << 20);

        var options = new DiffOptions { MaxReportBytes = 1 << 20 };
        var result = Diff.Run(a, b, options);
        Assert.False(result.Identical);
        Assert.Contains(result.Root.All(), d => d.Comments.Any(c => c.Contains("not listed: the report reached its size limit (--max-report-size)", StringComparison.Ordinal)));
        var json = JsonReport.Render(a, b, result.Root, result.Summary);
        var text = TextReport.Render(a, b, result.Root, result.Summary);
        Assert.True(json.Length < 8 << 20, $"JSON report of {json.Length} bytes");
        Assert.True(text.Length < 8 << 20, $"text report of {text.Length} bytes");
        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.GetProperty("identical").GetBoolean());
    }

    [Fact]
    public void Refused_members_stored_identically_are_not_differences()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", Fixtures.NestedZipBomb(Leaf, 3));
        var b = dir.Write("b.zip", Fixtures.NestedZipBombWithOneChange(Leaf, ChangedLeaf(), 3));

        var result = Diff.Run(a, b);
        Assert.False(result.Identical);
        var refused = result.Root.All().Where(d => d.Comments.Any(c => c.Contains("compression ratio limit", StringComparison.Ordinal))).ToList();
        var only = Assert.Single(refused);
        Assert.EndsWith("::0.zip::0.zip::0.bin", only.Path1, StringComparison.Ordinal);
        // Everything reported lies on the changed branch; the fifteen identical copies at each level are not there.
        Assert.All(result.Root.All().Skip(1), d => Assert.StartsWith(a + "::0.zip", d.Path1, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Root.All(), d => d.Comments.Any(c => c.Contains("::1.bin", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_cli_on_nested_bombs_exits_1_with_a_bounded_json_report_and_no_stack_trace()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", Fixtures.NestedZipBomb(Leaf, 4));
        var b = dir.Write("b.zip", Fixtures.NestedZipBomb(ChangedLeaf(), 4));
        var result = Support.Cli.Run("diff", a, b, "--json", dir.File("r.json"), "--text", dir.File("r.txt"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StdErr);
        Assert.True(new FileInfo(dir.File("r.json")).Length < 200L << 20);
        Assert.True(new FileInfo(dir.File("r.txt")).Length < 200L << 20);
    }

    [Fact]
    public void The_max_ratio_option_named_in_messages_exists()
    {
        using var dir = new TempDir();
        var zeros = new byte[4 << 20];
        var almost = new byte[4 << 20];
        almost[^1] = 1;
        var a = dir.Write("a.gz", Fixtures.Gzip(zeros));
        var b = dir.Write("b.gz", Fixtures.Gzip(almost));
        var refused = InProcessCli.Run("diff", a, b, "--max-ratio", "10");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("(--max-ratio)", refused.StdOut, StringComparison.Ordinal);
        var allowed = InProcessCli.Run("diff", a, b, "--max-ratio", "100000");
        Assert.Equal(1, allowed.ExitCode);
        Assert.DoesNotContain("(--max-ratio)", allowed.StdOut, StringComparison.Ordinal);
        Assert.Contains("--max-ratio", InProcessCli.Run("diff", "--help").StdOut, StringComparison.Ordinal);
    }
}
