using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;

namespace Verbatim.Service.Tests.Replicas;

/// <summary>
/// Two `verbatim serve` processes on one PostgreSQL database, started at once on an empty database (both migrate),
/// each with in-process workers: every job completes once, on a worker of either replica, and the figures both
/// replicas show are the same and agree with the statuses themselves.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaTests(Postgres postgres)
{
    [Fact]
    public async Task Two_replicas_on_one_database_share_the_queue_and_record_every_job_once()
    {
        const int Jobs = 300;
        var database = await postgres.CreateDatabaseAsync();
        var urls = new[] { $"http://127.0.0.1:{Postgres.FreePort()}", $"http://127.0.0.1:{Postgres.FreePort()}" };
        var servers = urls.Select(url => CliProcess.Start("serve", "--db", database, "--urls", url, "--workers", "3", "--history-seconds", "1")).ToList();
        try
        {
            foreach (var server in servers)
            {
                await server.WaitForOutputAsync("in-process worker running");
            }

            await using var store = StoreFactory.Open(database);
            var admin = await TokenIssuer.CreateAsync(store, new TokenCreate("admin", TokenScopes.Admin), false, TestService.Now, CancellationToken.None);
            using var httpA = new HttpClient { BaseAddress = new Uri(urls[0] + "/") };
            using var httpB = new HttpClient { BaseAddress = new Uri(urls[1] + "/") };
            var a = new VerbatimClient(httpA, admin.Token);
            var b = new VerbatimClient(httpB);
            await a.CreateCollectionAsync(new CollectionCreate("fleet", "noop"));
            await a.AddPackagesAsync("fleet", new PackagesAdd([.. Enumerable.Range(0, Jobs).Select(i => new PackageAdd($"p{i}", "1", i % 3 == 0 ? ["thirds"] : null, i % 10 == 0 ? """{"durationMs": 30}""" : null))]));

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await b.CollectionAsync("fleet")).Sections[0].Pending > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"still pending: {(await b.CollectionAsync("fleet")).Sections[0]}\n{servers[0].Output}\n{servers[1].Output}");
                await Task.Delay(100);
            }

            var seenByA = (await a.CollectionAsync("fleet")).Sections;
            var seenByB = (await b.CollectionAsync("fleet")).Sections;
            Assert.Equal(seenByA, seenByB);
            Assert.Equal([("all", Jobs, (long)Jobs), ("thirds", Jobs / 3, Jobs / 3)], seenByB.Select(s => (s.Section, (int)s.Total, s.Reproducible)));
            var collection = (await store.FindCollectionAsync("fleet", CancellationToken.None))!;
            Assert.Equal(seenByB, await ((SqlStore)store).AggregatedFiguresAsync(collection.Id, CancellationToken.None));

            var workers = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Jobs; i++)
            {
                var version = Assert.Single(await store.PackageAsync("noop", $"p{i}", CancellationToken.None));
                var result = Assert.Single(version.Results);
                workers.Add(result.Worker);
                var job = (await store.JobAsync(result.JobId, CancellationToken.None))!;
                Assert.Equal((JobStates.Done, 1), (job.State, job.Attempts)); // leased once: never handed to two workers
            }

            Assert.Equal(2, workers.Count); // the in-process workers of both replicas recorded results
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }
}
