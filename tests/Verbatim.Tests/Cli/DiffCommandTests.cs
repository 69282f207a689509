using System.Text.Json;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Cli;

public class DiffCommandTests
{
    [Fact]
    public void Exit_codes_are_0_identical_1_different_2_unreadable()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "same\n");
        var b = dir.Write("b.txt", "same\n");
        var c = dir.Write("c.txt", "other\n");
        Assert.Equal(0, Support.Cli.Run("diff", a, b).ExitCode);
        Assert.Equal(1, Support.Cli.Run("diff", a, c).ExitCode);
        var missing = Support.Cli.Run("diff", a, dir.File("missing.txt"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing.txt: no such file or directory", missing.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Support.Cli.Run("diff", a).ExitCode);
    }

    [Fact]
    public void Json_html_and_text_can_be_written_at_once()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "built 2024-01-01\n");
        var b = dir.Write("b.txt", "built 2024-02-01\n");
        var result = Support.Cli.Run("diff", a, b, "--json", dir.File("r.json"), "--html", dir.File("r.html"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("verbatim diff: 1 difference in 1 member", result.StdOut, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("r.json")));
        Assert.Equal("timestamp", doc.RootElement.GetProperty("summary").GetProperty("causes")[0].GetProperty("kind").GetString());
        Assert.Contains("<!DOCTYPE html>", File.ReadAllText(dir.File("r.html")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_to_stdout_replaces_the_text_report()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "1\n");
        var b = dir.Write("b.txt", "2\n");
        var result = Support.Cli.Run("diff", a, b, "--json", "-");
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("differences").GetInt32());
    }

    [Fact]
    public void Exclude_skips_members()
    {
        using var dir = new TempDir();
        dir.Write("a/keep.txt", "1");
        dir.Write("b/keep.txt", "1");
        dir.Write("a/skip.log", "1");
        dir.Write("b/skip.log", "2");
        Assert.Equal(0, Support.Cli.Run("diff", dir.File("a"), dir.File("b"), "--exclude", "*.log").ExitCode);
        Assert.Equal(1, Support.Cli.Run("diff", dir.File("a"), dir.File("b")).ExitCode);
    }
}
