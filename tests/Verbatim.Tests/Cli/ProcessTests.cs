using System.Text.Json;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Cli;

/// <summary>The few behaviours that need a real process: its exit status, and standard output as a pipe of bytes.</summary>
public class ProcessTests
{
    [Fact]
    public void A_real_process_exits_0_identical_1_different_2_unreadable()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "same\n");
        var b = dir.Write("b.txt", "same\n");
        var c = dir.Write("c.txt", "other\n");
        Assert.Equal(0, CliProcess.Run("diff", a, b).ExitCode);
        Assert.Equal(1, CliProcess.Run("diff", a, c).ExitCode);
        var missing = CliProcess.Run("diff", a, dir.File("missing.txt"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing.txt: no such file or directory", missing.StdErr, StringComparison.Ordinal);
        Assert.Equal("", missing.StdOut);
    }

    [Fact]
    public void Json_to_a_stdout_pipe_is_the_whole_report_and_nothing_else()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "built 2024-01-01\n");
        var b = dir.Write("b.txt", "built 2024-02-01\n");
        var result = CliProcess.Run("diff", a, b, "--json", "-");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("differences").GetInt32());
    }

    [Fact]
    public void Version_names_the_build_mode()
    {
        var result = CliProcess.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\S* \((JIT|ReadyToRun|native AOT)\)\n$", result.StdOut);
    }
}
