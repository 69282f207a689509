using System.Diagnostics;
using System.IO.Compression;
using Verbatim.Common.IO;
using Verbatim.Core.IO;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Spool files are unlinked as soon as they are made; stale temporaries of dead runs are removed on start.</summary>
public class TemporaryFileTests
{
    [Fact]
    public void Spool_files_have_no_name_while_they_are_in_use()
    {
        using var area = TempArea.Create();
        using var file = area.CreateFile();
        file.Write(new byte[4096]);
        Assert.Empty(Directory.GetFileSystemEntries(area.Path));
        file.Position = 0;
        Assert.Equal(4096, file.Read(new byte[8192]));
    }

    [Fact]
    public void Areas_of_dead_processes_are_removed_and_live_ones_kept()
    {
        var dead = DeadPid();
        var stale = Path.Combine(Path.GetTempPath(), $"verbatim-{dead}-{Guid.NewGuid():N}");
        var live = Path.Combine(Path.GetTempPath(), $"verbatim-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stale);
        File.WriteAllBytes(Path.Combine(stale, "00000001.spool"), new byte[100]);
        Directory.CreateDirectory(live);
        try
        {
            using (TempArea.Create())
            {
            }

            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(live));
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    [Fact]
    public void Atomic_file_removes_the_temporaries_of_dead_runs_beside_its_target()
    {
        using var dir = new TempDir();
        var target = dir.File("out.gz");
        var stale = dir.Write($".out.gz.{DeadPid()}.{Guid.NewGuid():N}.tmp", "half written");
        var ours = dir.Write($".out.gz.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "in progress");
        var other = dir.Write($".other.gz.{DeadPid()}.{Guid.NewGuid():N}.tmp", "another target's");
        var file = AtomicFile.Create(target);
        file.Stream.Write("done"u8);
        file.Commit();
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(other));
        Assert.Equal("done", File.ReadAllText(target));
    }

    [Fact]
    public void A_killed_diff_leaves_no_spooled_bytes_and_the_next_run_cleans_up()
    {
        using var dir = new TempDir();
        var tmp = Directory.CreateDirectory(dir.File("tmp")).FullName;
        var zeros = new byte[512 << 20];
        var a = dir.Write("a.gz", Fixtures.Gzip(zeros, CompressionLevel.Fastest));
        zeros[^1] = 1;
        var b = dir.Write("b.gz", Fixtures.Gzip(zeros, CompressionLevel.Fastest));

        var environment = new Dictionary<string, string> { ["TMPDIR"] = tmp };
        using var process = CliProcess.Start(environment, "diff", a, b, "--max-ratio", "100000", "--max-expansion-ratio", "0");
        var clock = Stopwatch.StartNew();
        while (!SpoolsInUse(process.Id) && clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited)
        {
            Thread.Sleep(20);
        }

        Assert.False(process.HasExited, "the diff ended before it could be killed");
        process.Kill();
        process.WaitForExit();

        // Only the empty area is left. (The runtime's own pipes and sockets, clr-debug-pipe-*, dotnet-diagnostic-*, are not ours.)
        var areas = Directory.GetDirectories(tmp, "verbatim-*");
        Assert.NotEmpty(areas);
        Assert.All(areas, area => Assert.Empty(Directory.EnumerateFileSystemEntries(area, "*", SearchOption.AllDirectories)));

        using var next = CliProcess.Start(environment, "diff", a, a);
        next.WaitForExit();
        Assert.Equal(0, next.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp, "verbatim-*"));
    }

    /// <summary>Whether the process holds a spool file open (already unlinked: the link reads "… (deleted)").</summary>
    private static bool SpoolsInUse(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? "")
                .Any(target => target.Contains("/verbatim-", StringComparison.Ordinal) && target.EndsWith(".spool (deleted)", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The PID of a process that has exited.</summary>
    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
