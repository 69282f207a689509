using System.Diagnostics;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Top-level inputs are judged by what they hold: links followed, /proc files read, pipes spooled, FIFOs refused.</summary>
public class SpecialInputTests
{
    [Fact]
    public void Symlinks_to_different_files_are_different()
    {
        using var dir = new TempDir();
        dir.Write("x", "hello\n");
        dir.Write("y", "a longer text\n");
        File.CreateSymbolicLink(dir.File("lx"), "x");
        File.CreateSymbolicLink(dir.File("ly"), "y");
        File.CreateSymbolicLink(dir.File("lz"), "y");

        var result = InProcessCli.Run("diff", dir.File("lx"), dir.File("ly"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("+a longer text", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, InProcessCli.Run("diff", dir.File("ly"), dir.File("lz")).ExitCode);
    }

    [Fact]
    public void Links_inside_directories_are_compared_by_their_target_text()
    {
        using var dir = new TempDir();
        dir.Write("a/x", "same\n");
        dir.Write("b/x", "same\n");
        File.CreateSymbolicLink(dir.File("a/link"), "x");
        File.CreateSymbolicLink(dir.File("b/link"), "./x");

        var result = InProcessCli.Run("diff", dir.File("a"), dir.File("b"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("link target: x → ./x", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Proc_files_are_read_whatever_stat_says()
    {
        Assert.Equal(0, new FileInfo("/proc/version").Length);
        var result = InProcessCli.Run("diff", "/proc/cpuinfo", "/proc/version");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, InProcessCli.Run("diff", "/proc/version", "/proc/version").ExitCode);
    }

    [Fact]
    public void Named_pipes_and_devices_are_refused_at_once()
    {
        using var dir = new TempDir();
        Diff.Exec("mkfifo", $"{dir.File("fa")} {dir.File("fb")}");
        var clock = Stopwatch.StartNew();
        var fifo = Support.Cli.Run("diff", dir.File("fa"), dir.File("fb"));
        Assert.Equal(2, fifo.ExitCode);
        Assert.Equal($"verbatim diff: {dir.File("fa")}: is a named pipe (FIFO), not a regular file or directory: verbatim diff does not read it\n", fifo.StdErr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));

        var device = InProcessCli.Run("diff", "/dev/zero", "/dev/null");
        Assert.Equal(2, device.ExitCode);
        Assert.Contains("/dev/zero: is a character device", device.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", device.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_refuses_a_fifo_instead_of_hanging()
    {
        using var dir = new TempDir();
        Diff.Exec("mkfifo", dir.File("fifo.gz"));
        var result = Support.Cli.Run("normalize", dir.File("fifo.gz"), "-o", dir.File("out.gz"), "--timestamp", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a named pipe (FIFO), not a regular file", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_substitution_and_stdin_pipes_are_read_once()
    {
        using var dir = new TempDir();
        var file = dir.Write("f.txt", "one\ntwo\n");

        var substituted = Fixtures.Shell("$V diff <(echo a) <(echo b)");
        Assert.Equal(1, substituted.ExitCode);
        Assert.Contains("+b", substituted.StdOut, StringComparison.Ordinal);
        Assert.Equal("", substituted.StdErr);

        Assert.Equal(0, Fixtures.Shell($"$V diff '{file}' /dev/stdin < '{file}'").ExitCode);
        Assert.Equal(0, Fixtures.Shell($"cat '{file}' | $V diff '{file}' /dev/stdin").ExitCode);
        var piped = Fixtures.Shell($"printf 'one\\nthree\\n' | $V diff '{file}' /dev/stdin");
        Assert.Equal(1, piped.ExitCode);
        Assert.Contains("+three", piped.StdOut, StringComparison.Ordinal);
    }
}
