using System.Net;
using System.Net.Sockets;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>Steps that try to escape the sandbox or exhaust the machine: each must fail clearly and leave the host untouched.</summary>
[Collection("sandbox")]
public sealed class HostileStepTests
{
    [Fact]
    public void Tcp_connection_to_the_hosts_loopback_is_refused()
    {
        using var dir = new TempDir();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var recipe = BuildSupport.HostRecipe(dir.Path, "net", $"""
                  - name: connect
                    run: |
                      bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected > out.txt'
                """);
            var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
            Assert.Contains("step 'connect' failed", error.Message, StringComparison.Ordinal);
            Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
            Assert.False(listener.Pending());
            Assert.False(File.Exists(dir.File("out/out.txt")));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Writing_to_usr_fails_and_usr_is_untouched()
    {
        using var dir = new TempDir();
        var marker = "/usr/verbatim-hostile-" + Guid.NewGuid().ToString("N");
        var recipe = BuildSupport.HostRecipe(dir.Path, "usr", $"""
              - name: write-usr
                run: echo owned > {marker}
            """);
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.Contains("step 'write-usr' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_secret_outside_the_workspace_cannot_be_read()
    {
        using var dir = new TempDir();
        using var secretDir = new TempDir();
        var secret = secretDir.Write("secret.txt", "hunter2\n");
        var recipe = BuildSupport.HostRecipe(dir.Path, "secret", $"""
              - name: steal
                run: cat {secret} > out.txt
            """);
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.Contains("step 'steal' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out/out.txt")));
        Assert.Equal("hunter2\n", File.ReadAllText(secret));
    }

    [Fact]
    public void An_output_symlink_to_etc_passwd_is_refused()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "link", """
              - name: link
                run: ln -s /etc/passwd out.txt
            """);
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.Equal("output 'out.txt' is a symbolic link to /etc/passwd, outside the workspace: refused", error.Message);
        Assert.False(Path.Exists(dir.File("out/out.txt")));
    }

    [Fact]
    public void A_fork_bomb_is_contained_and_killed()
    {
        using var dir = new TempDir();
        var marker = "forkbomb" + Guid.NewGuid().ToString("N");
        var recipe = BuildSupport.HostRecipe(dir.Path, "bomb", $$"""
              - name: bomb
                timeout: 5
                run: |
                  {{marker}}() { {{marker}} | {{marker}} & }; {{marker}}; sleep 60
            """, extra: "limits: { processes: 64 }");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        // Either the shell gives up when fork fails (the process limit) or the time limit kills the rest: both are clear failures.
        Assert.Matches("^step 'bomb' (exceeded its time limit|failed with exit status 2; last output: .*Cannot fork)", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Thread.Sleep(300);
        Assert.False(BuildSupport.ProcessAlive(marker), "a process of the fork bomb outlived its sandbox");
    }

    [Fact]
    public void An_infinite_loop_is_killed_at_the_time_limit()
    {
        using var dir = new TempDir();
        var marker = "loop" + Guid.NewGuid().ToString("N");
        var recipe = BuildSupport.HostRecipe(dir.Path, "loop", $"""
              - name: spin
                timeout: 2
                run: while true; do :; done # {marker}
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.StartsWith("step 'spin' exceeded its time limit after 2", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.False(BuildSupport.ProcessAlive(marker));
    }

    [Fact]
    public void Writing_past_the_output_limit_fails()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "big", """
              - name: fill
                run: head -c 5000000 /dev/zero > out.txt
            """, extra: "limits: { output_bytes: 1000000 }");
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.StartsWith("step 'fill' exceeded the output size limit", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out/out.txt")));
    }

    [Fact]
    public void Many_small_files_past_the_output_limit_fail()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "many", """
              - name: fill
                run: for i in 1 2 3 4 5 6; do head -c 900000 /dev/zero > part$i; done; echo ok > out.txt
            """, extra: "limits: { output_bytes: 1000000 }");
        var (error, _) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.StartsWith("step 'fill' grew the workspace to", error.Message, StringComparison.Ordinal);
    }
}
