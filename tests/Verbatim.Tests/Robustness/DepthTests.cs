using System.Text.Json;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Nesting as deep as --max-depth allows is compared and reported without recursion limits or stack overflow.</summary>
public class DepthTests
{
    [Fact]
    public void Tar_gz_nested_600_levels_is_compared_and_reported_in_every_format()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.tar.gz", Fixtures.NestedTarGz(600, "left\n"));
        var b = dir.Write("b.tar.gz", Fixtures.NestedTarGz(600, "right\n"));

        var result = Diff.Run(a, b, new DiffOptions { MaxDepth = 1000 });
        Assert.False(result.Identical);
        var deepest = result.Root.All().Max(d => d.Path1.Split("::").Length);
        Assert.True(deepest > 1000, $"deepest path has {deepest} parts");

        var json = JsonReport.Render(a, b, result.Root, result.Summary);
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 10_000 });
        Assert.Equal("verbatim-diff/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Contains("compared as bytes", json, StringComparison.Ordinal);
        Assert.Contains("└── ", TextReport.Render(a, b, result.Root, result.Summary), StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\n", HtmlReport.Render(a, b, result.Root, result.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_writes_the_json_of_a_tree_1000_levels_deep()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.tar.gz", Fixtures.NestedTarGz(450, "left\n"));
        var b = dir.Write("b.tar.gz", Fixtures.NestedTarGz(450, "right\n"));
        var result = Support.Cli.Run("diff", a, b, "--max-depth", "1000", "--json", dir.File("r.json"), "--html", dir.File("r.html"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StdErr);
        Assert.Contains("-left", File.ReadAllText(dir.File("r.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_keeps_tree_null_when_identical()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "same\n");
        var b = dir.Write("b.txt", "same\n");
        var result = Diff.Run(a, b);
        var json = JsonReport.Render(a, b, result.Root, result.Summary);
        Assert.Contains("\n  \"tree\": null\n}\n", json, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"identical\": true,\n", json, StringComparison.Ordinal);
    }
}
