using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Check;

/// <summary><c>verbatim check</c> through the CLI: exit codes, a byte-stable JSON report, the failing control, bad input.</summary>
[Collection("sandbox")]
public sealed class CheckCommandTests
{
    private static Dictionary<string, string> Environment() => new() { ["VERBATIM_CACHE"] = BuildSupport.Store.Root };

    [Fact]
    public void A_broken_fixture_exits_1_with_the_same_report_bytes_every_time()
    {
        using var dir = new TempDir();
        var fixture = FixtureChecks.Fixture("time-zone");
        var first = InProcessCli.Run(Environment(), "check", fixture, "--variations", "timezone,umask,home", "--json", dir.File("one.json"));
        var second = InProcessCli.Run(Environment(), "check", fixture, "--variations", "timezone,umask,home", "--json", dir.File("two.json"), "--html", dir.File("report.html"));
        Assert.Equal(1, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("one.json")), File.ReadAllBytes(dir.File("two.json")));
        Assert.Contains("nd-time-zone 1.0: not reproducible", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("  timezone: 1 difference(s)", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("applied  home", first.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("applied  time ", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("build 1: control 1/2: started", first.StdErr, StringComparison.Ordinal);
        Assert.Contains("dist/stamp.txt", File.ReadAllText(dir.File("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_control_build_exits_2_with_its_log_tail_and_runs_no_experiment()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "broken", "  - name: build\n    run: echo compiling && echo 'fatal error, missing header' >&2 && exit 3");
        var result = InProcessCli.Run(Environment(), "check", recipe, "--json", "-");
        Assert.Equal(2, result.ExitCode);
        var json = System.Text.Json.JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal("build-failed", json.GetProperty("verdict").GetString());
        Assert.Contains("failed with exit status 3", json.GetProperty("control").GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Contains("fatal error, missing header", json.GetProperty("control").GetProperty("log_tail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, json.GetProperty("builds").GetInt32());
        Assert.DoesNotContain("experiment", result.StdErr, StringComparison.Ordinal);

        var text = InProcessCli.Run(Environment(), "check", recipe, "--variations", "umask");
        Assert.Equal(2, text.ExitCode);
        Assert.Contains("no experiment was run", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("  fatal error, missing header", text.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--variations", "+time,-nonsense", "unknown variation 'nonsense'")]
    [InlineData("--runs", "1", "--runs must be at least 2")]
    public void Bad_options_exit_2_with_one_line(string option, string value, string message)
    {
        var result = InProcessCli.Run(Environment(), "check", FixtureChecks.Fixture("clean"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_recipe_exits_2_naming_it()
    {
        using var dir = new TempDir();
        var result = InProcessCli.Run(Environment(), "check", dir.File("nothing-here"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing-here", result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }
}
