using Verbatim.Provenance;
using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;
using Verbatim.Worker;
using Verbatim.Worker.Executors;

namespace Verbatim.Service.Tests.Processes;

/// <summary>Faults of real processes: a `verbatim worker` killed (SIGKILL) mid-job, a `verbatim serve` killed and restarted mid-run.</summary>
public abstract class ProcessFaultTests
{
    /// <summary>A new empty database, as a <c>--db</c> value.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_worker_killed_mid_job_loses_its_lease_and_the_job_completes_on_another()
    {
        await using var store = StoreFactory.Open(await NewDatabaseAsync());
        await using var service = await TestService.StartAsync(store, new LeasePolicy(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), 3, TimeSpan.Zero));
        await service.SeedAsync("killed", 1, """{"durationMs": 3000}""");
        using var directory = new TempDirectory();
        var tokenFile = Path.Combine(directory.Path, "doomed.token");
        await File.WriteAllTextAsync(tokenFile, (await TokenIssuer.CreateAsync(store, new TokenCreate("doomed", TokenScopes.Worker), false, TestService.Now, CancellationToken.None)).Token);

        using (var doomed = CliProcess.Start("worker", "--server", service.Url, "--token-file", tokenFile))
        {
            await doomed.WaitForOutputAsync("job 1 started");
            await Task.Delay(1200); // past the first renewals: the lease is held by a live process
            Assert.Equal(JobStates.Leased, (await service.Anonymous.JobAsync(1)).State);
            doomed.Kill();
        }

        using var stop = new CancellationTokenSource();
        var survivor = await service.StartWorkerAsync("survivor", 1, stop.Token);
        var figures = await service.WaitDoneAsync("killed", 30);
        await stop.CancelAsync();
        await survivor.Run;

        Assert.Equal(1, figures.Reproducible);
        var job = await service.Anonymous.JobAsync(1);
        Assert.Equal((JobStates.Done, 2), (job.State, job.Attempts));
        Assert.Equal("survivor", Assert.Single(Assert.Single((await service.Anonymous.PackageAsync("noop", "p0")).Versions).Results).Worker);
    }

    [Fact]
    public async Task The_server_killed_and_restarted_mid_run_loses_and_duplicates_no_result()
    {
        const int Jobs = 60;
        var database = await NewDatabaseAsync();
        await using var store = StoreFactory.Open(database);
        await store.MigrateAsync(CancellationToken.None);
        var admin = await TokenIssuer.CreateAsync(store, new TokenCreate("admin", TokenScopes.Admin), false, TestService.Now, CancellationToken.None);
        var port = Postgres.FreePort();
        var url = $"http://127.0.0.1:{port}";
        string[] serve = ["serve", "--db", database, "--urls", url, "--workers", "0", "--lease-seconds", "30", "--renew-seconds", "1"];
        var server = CliProcess.Start(serve);
        try
        {
            await server.WaitForOutputAsync("listening on");
            using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
            var client = new VerbatimClient(http, admin.Token);
            await client.CreateCollectionAsync(new CollectionCreate("restart", "noop"));
            await client.AddPackagesAsync("restart", new PackagesAdd([.. Enumerable.Range(0, Jobs).Select(i => new PackageAdd($"p{i}", "1", null, """{"durationMs": 40}"""))]));

            using var stop = new CancellationTokenSource();
            var workers = new List<Task>();
            var clients = new List<HttpClient>();
            foreach (var name in new[] { "w1", "w2" })
            {
                var token = await TokenIssuer.CreateAsync(store, new TokenCreate(name, TokenScopes.Worker), false, TestService.Now, CancellationToken.None);
                var workerHttp = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(10) };
                clients.Add(workerHttp);
                var worker = new JobWorker(new VerbatimClient(workerHttp, token.Token), SigningKey.Generate(), ExecutorRegistry.Create(new Verbatim.Build.Cache.ContentStore(Path.Combine(Path.GetTempPath(), "verbatim-service-test-cas"))),
                    new WorkerOptions { Concurrency = 3, IdleWait = TimeSpan.FromMilliseconds(20), MaxIdleWait = TimeSpan.FromMilliseconds(200), RetryWait = TimeSpan.FromMilliseconds(100) });
                workers.Add(Task.Run(() => worker.RunAsync(stop.Token)));
            }

            var collection = (await store.FindCollectionAsync("restart", CancellationToken.None))!;
            await WaitAsync(async () => (await store.FiguresAsync(collection.Id, CancellationToken.None))[0].Reproducible >= 15);
            server.Kill();
            var atKill = (await store.FiguresAsync(collection.Id, CancellationToken.None))[0];
            Assert.True(atKill.Pending > 0, "the run was over before the server was killed");
            await Task.Delay(700);
            server.Dispose();
            server = CliProcess.Start(serve);
            await server.WaitForOutputAsync("listening on");
            await WaitAsync(async () => (await store.FiguresAsync(collection.Id, CancellationToken.None))[0].Pending == 0);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            clients.ForEach(c => c.Dispose());

            Assert.Equal(Jobs, (await store.FiguresAsync(collection.Id, CancellationToken.None))[0].Reproducible);
            for (var i = 0; i < Jobs; i++)
            {
                var version = Assert.Single(await store.PackageAsync("noop", $"p{i}", CancellationToken.None));
                Assert.Single(version.Results);
            }
        }
        finally
        {
            server.Dispose();
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached in {seconds} s");
            }

            await Task.Delay(50);
        }
    }
}

public sealed class SqliteProcessFaultTests : ProcessFaultTests, IDisposable
{
    private readonly TempDirectory directory = new();

    protected override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + Path.Combine(directory.Path, Guid.NewGuid().ToString("N") + ".db"));

    public void Dispose() => directory.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresProcessFaultTests(Postgres postgres) : ProcessFaultTests
{
    protected override Task<string> NewDatabaseAsync() => postgres.CreateDatabaseAsync();
}
