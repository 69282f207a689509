using System.Net;
using System.Net.Sockets;
using Verbatim.Build.Hashing;
using Verbatim.Build.Inputs;
using Verbatim.Common.Digests;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>Fail-safe inputs: local paths, http(s) URLs and git commits, verified before any step runs.</summary>
[Collection("sandbox")]
public sealed class InputTests
{
    [Fact]
    public void A_tampered_input_stops_the_build_before_any_step_runs()
    {
        using var dir = new TempDir();
        dir.Write("src/data.txt", "original\n");
        var recipe = BuildSupport.HostRecipe(dir.Path, "tamper", """
              - name: build
                run: cp data.txt out.txt
            """);
        var expected = TreeHasher.Hash(dir.File("src"));
        dir.Write("src/data.txt", "Original\n");
        var actual = TreeHasher.Hash(dir.File("src"));
        var inputsVerified = false;
        var log = new List<string>();
        var options = new Verbatim.Build.BuildOptions { OutDir = dir.File("out"), Store = BuildSupport.Store, Progress = e => { log.Add(e.Message); inputsVerified |= e.Kind == Verbatim.Build.BuildEventKind.InputsVerified; } };
        var error = Assert.Throws<InputDigestMismatchException>(() => Verbatim.Build.BuildRunner.BuildAsync(Verbatim.Build.Recipes.RecipeLoader.Load(recipe), options).GetAwaiter().GetResult());
        Assert.Equal($"input 'src' (./src) does not match its pinned digest: expected {expected}, got {actual}; no step was run", error.Message);
        Assert.False(inputsVerified);
        Assert.DoesNotContain(log, l => l.StartsWith("step ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_url_input_is_downloaded_verified_cached_and_reverified_on_use()
    {
        using var dir = new TempDir();
        var payload = System.Text.Encoding.UTF8.GetBytes("payload " + Guid.NewGuid() + "\n");
        var digest = Sha256Digest.Of(payload);
        using var server = new TinyHttpServer(payload);
        var recipe = BuildSupport.HostRecipe(dir.Path, "url", """
              - name: copy
                run: cp payload.bin out.txt
            """, extra: $"""
            env: {"{"} X: "1" {"}"}
            """);
        File.WriteAllText(recipe, File.ReadAllText(recipe).Replace("inputs:\n", $"inputs:\n  - name: payload\n    url: {server.Url}payload.bin\n    sha256: {digest}\n", StringComparison.Ordinal));

        var (result, _) = BuildSupport.Build(recipe, dir.File("out1"));
        Assert.Equal(payload, File.ReadAllBytes(dir.File("out1/out.txt")));
        Assert.Contains(result.Record.Inputs, i => i.Kind == "url" && i.Sha256 == digest && i.Destination == "payload.bin");
        Assert.Equal(1, server.Requests);

        BuildSupport.Build(recipe, dir.File("out2"));
        Assert.Equal(1, server.Requests);

        File.WriteAllText(BuildSupport.Store.BlobPath(digest.Hex), "corrupted cache entry");
        BuildSupport.Build(recipe, dir.File("out3"));
        Assert.Equal(2, server.Requests);
        Assert.Equal(payload, File.ReadAllBytes(dir.File("out3/out.txt")));
    }

    [Fact]
    public void A_url_serving_other_bytes_is_refused()
    {
        using var dir = new TempDir();
        using var server = new TinyHttpServer("served\n"u8.ToArray());
        var pinned = Sha256Digest.Of(System.Text.Encoding.UTF8.GetBytes("expected " + Guid.NewGuid()));
        var recipe = BuildSupport.HostRecipe(dir.Path, "url-bad", """
              - name: copy
                run: cp payload.bin out.txt
            """);
        File.WriteAllText(recipe, File.ReadAllText(recipe).Replace("inputs:\n", $"inputs:\n  - name: payload\n    url: {server.Url}payload.bin\n    sha256: {pinned}\n", StringComparison.Ordinal));
        var (error, log) = BuildSupport.Fail(recipe, dir.File("out"));
        Assert.Equal($"input 'payload' ({server.Url}payload.bin) does not match its pinned digest: expected {pinned}, got {Sha256Digest.Of("served\n"u8)}; no step was run", error.Message);
        Assert.DoesNotContain(log, l => l.StartsWith("step ", StringComparison.Ordinal));
        Assert.False(File.Exists(BuildSupport.Store.BlobPath(pinned.Hex)));
    }

    [Fact]
    public void A_git_input_is_checked_out_at_its_commit_and_gives_the_epoch()
    {
        using var dir = new TempDir();
        var repo = dir.File("repo");
        Directory.CreateDirectory(repo);
        Git(repo, "init -q");
        File.WriteAllText(Path.Combine(repo, "file.txt"), "first\n");
        Git(repo, "add file.txt");
        Git(repo, "commit -q -m first", "2021-02-03T04:05:06Z");
        var commit = Diff.Exec("git", "rev-parse HEAD", repo).Trim();
        File.WriteAllText(Path.Combine(repo, "file.txt"), "second\n");
        Git(repo, "commit -q -am second", "2022-01-01T00:00:00Z");

        var recipe = BuildSupport.HostRecipe(dir.Path, "git", """
              - name: copy
                run: cp file.txt out.txt && echo $SOURCE_DATE_EPOCH >> out.txt
            """);
        var text = File.ReadAllText(recipe)
            .Replace("inputs:\n", $"inputs:\n  - name: code\n    git: ./repo\n    commit: {commit}\n    dest: .\n", StringComparison.Ordinal)
            .Replace("source_date_epoch: 1700000000", "source_date_epoch: { from: git }", StringComparison.Ordinal);
        File.WriteAllText(recipe, text);
        var (result, _) = BuildSupport.Build(recipe, dir.File("out"));
        Assert.Equal("first\n1612325106\n", File.ReadAllText(dir.File("out/out.txt")));
        Assert.Equal(1612325106, result.Record.SourceDateEpoch);
        var input = Assert.Single(result.Record.Inputs, i => i.Kind == "git");
        Assert.Equal(commit, input.Commit);
    }

    [Fact]
    public void The_epoch_can_come_from_a_debian_changelog()
    {
        Assert.Equal(1672068600, SourceDateEpochResolver.FromChangelog(
        [
            "hello (2.10-3) unstable; urgency=medium",
            "",
            "  * Some change.",
            "",
            " -- Santiago Vila <sanvila@debian.org>  Mon, 26 Dec 2022 16:30:00 +0100",
            "",
            " -- Older <x@y>  Mon, 02 Jan 2006 00:00:00 +0000",
        ]));
        Assert.Null(SourceDateEpochResolver.FromChangelog(["no trailer here"]));
    }

    private static void Git(string repo, string args, string? date = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = repo, RedirectStandardError = true };
        foreach (var (k, v) in new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@t", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@t", ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = repo })
        {
            info.Environment[k] = v;
        }

        if (date is not null)
        {
            info.Environment["GIT_AUTHOR_DATE"] = date;
            info.Environment["GIT_COMMITTER_DATE"] = date;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    /// <summary>A tiny HTTP server on 127.0.0.1 serving one payload, counting requests.</summary>
    private sealed class TinyHttpServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private int requests;

        public TinyHttpServer(byte[] payload)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref requests);
                    context.Response.ContentLength64 = payload.Length;
                    await context.Response.OutputStream.WriteAsync(payload);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref requests);

        public void Dispose() => listener.Close();
    }
}
