using System.Diagnostics;
using System.Runtime.InteropServices;
using Verbatim.Cli;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Cli;

/// <summary>SIGINT and SIGTERM sent to the real process in the middle of a long diff.</summary>
public partial class SignalTests
{
    private const int Sigint = 2;
    private const int Sigterm = 15;

    /// <summary>Large enough that comparing them takes many seconds: sparse, so they cost no disk space.</summary>
    private const long Size = 24L << 30;

    [Theory]
    [InlineData(Sigint, 130)]
    [InlineData(Sigterm, 143)]
    public async Task A_signal_cancels_a_long_diff_promptly_says_interrupted_and_leaves_no_report(int signal, int expectedExitCode)
    {
        using var dir = new TempDir();
        var a = Sparse(dir.File("a.img"), 0x01);
        var b = Sparse(dir.File("b.img"), 0x02);
        var report = dir.File("report.json");

        using var process = CliProcess.Start("diff", a, b, "--json", report);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            WaitUntilReading(process, a);
            Assert.Equal(0, Kill(process.Id, signal));
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "verbatim did not exit within 10 s of the signal");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var error = await stderr;
        Assert.Equal(expectedExitCode, process.ExitCode);
        Assert.Equal("verbatim: interrupted\n", error);
        Assert.Equal("", await stdout);
        Assert.False(File.Exists(report), "an interrupted run left a report behind");
        Assert.Equal(["a.img", "b.img"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancelling_stops_a_long_line_diff_promptly_and_leaves_no_report()
    {
        // Millions of lines from a four-line alphabet: no rare line to anchor on, so the line diff runs for many
        // seconds within its work budget (close to a minute on one core) unless it honours the token.
        using var dir = new TempDir();
        var random = new Random(1);
        var a = dir.Write("a.txt", Lines(random));
        var b = dir.Write("b.txt", Lines(random));
        var report = dir.File("report.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => VerbatimCli.RunAsync(["diff", a, b, "--json", report], CliContext.InMemory(output, error), cancellation.Token));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await cancellation.CancelAsync();
        var stopwatch = Stopwatch.StartNew();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == run, $"the diff did not stop within 10 s of the cancellation ({stopwatch.Elapsed})");

        Assert.Equal(ExitCodes.Interrupted, await run);
        Assert.Equal("verbatim: interrupted" + Environment.NewLine, error.ToString());
        Assert.False(File.Exists(report));
        Assert.Equal(["a.txt", "b.txt"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        static string Lines(Random random) => string.Create(4_000_000 * 2, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i += 2)
            {
                span[i] = (char)('a' + r.Next(4));
                span[i + 1] = '\n';
            }
        });
    }

    /// <summary>A sparse file of <see cref="Size"/> zero bytes but for its last byte.</summary>
    private static string Sparse(string path, byte last)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.SetLength(Size);
        file.Seek(-1, SeekOrigin.End);
        file.WriteByte(last);
        return path;
    }

    /// <summary>Waits until the process has <paramref name="path"/> open: it is comparing, and its signal handlers are in place.</summary>
    private static void WaitUntilReading(Process process, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        var fds = $"/proc/{process.Id}/fd";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "verbatim finished before it could be interrupted");
            try
            {
                if (Directory.EnumerateFileSystemEntries(fds).Any(fd => new FileInfo(fd).LinkTarget == path))
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A descriptor closed while it was listed.
            }

            Thread.Sleep(20);
        }

        Assert.Fail("verbatim never opened " + path);
    }

    private static int Kill(int pid, int signal) => NativeKill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
