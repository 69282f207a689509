using System.Diagnostics;
using System.Runtime.InteropServices;
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

        using var process = Start("diff", a, b, "--json", report);
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

    /// <summary>A sparse file of <see cref="Size"/> zero bytes but for its last byte.</summary>
    private static string Sparse(string path, byte last)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.SetLength(Size);
        file.Seek(-1, SeekOrigin.End);
        file.WriteByte(last);
        return path;
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verbatim.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
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
