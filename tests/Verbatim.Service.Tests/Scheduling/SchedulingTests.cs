using System.Collections.Concurrent;
using System.Net;
using Verbatim.Provenance;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;
using Verbatim.Worker;

namespace Verbatim.Service.Tests.Scheduling;

/// <summary>The scheduling rules, run once on SQLite and once on PostgreSQL (the subclasses).</summary>
public abstract class SchedulingTests
{
    protected abstract Task<IServiceStore> NewStoreAsync();

    private static readonly LeasePolicy Short = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), 2, TimeSpan.Zero);

    [Fact]
    public async Task Two_workers_share_a_queue_and_every_job_is_recorded_once()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store);
        await service.SeedAsync("shared", 40, """{"durationMs": 15}""");
        using var stop = new CancellationTokenSource();
        var finished = new ConcurrentDictionary<string, int>();
        var a = await service.StartWorkerAsync("worker-a", 3, stop.Token, e => { if (e.Kind == WorkerEvent.Finished) { finished.AddOrUpdate("a", 1, (_, n) => n + 1); } });
        var b = await service.StartWorkerAsync("worker-b", 3, stop.Token, e => { if (e.Kind == WorkerEvent.Finished) { finished.AddOrUpdate("b", 1, (_, n) => n + 1); } });
        var figures = await service.WaitDoneAsync("shared");
        for (var wait = 0; finished.Values.Sum() < 40 && wait < 100; wait++)
        {
            await Task.Delay(50); // the last results are recorded; their workers are about to say so
        }

        await stop.CancelAsync();
        await Task.WhenAll(a.Run, b.Run);

        Assert.Equal(40, figures.Reproducible);
        Assert.True(finished.GetValueOrDefault("a") > 0 && finished.GetValueOrDefault("b") > 0, $"a ran {finished.GetValueOrDefault("a")}, b ran {finished.GetValueOrDefault("b")}");
        Assert.Equal(40, finished.Values.Sum());
        for (var i = 0; i < 40; i++)
        {
            var package = await service.Anonymous.PackageAsync("noop", $"p{i}");
            var result = Assert.Single(Assert.Single(package.Versions).Results);
            Assert.Equal(result.Worker == "worker-a" ? a.Key.KeyId : b.Key.KeyId, result.KeyId);
        }
    }

    [Fact]
    public async Task A_late_result_from_an_expired_lease_is_refused_and_the_new_holder_is_recorded()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store, Short);
        await service.SeedAsync("late", 1);
        var (late, lateKey) = await ManualWorkerAsync(service, "late-worker");
        var first = Assert.Single((await late.LeaseAsync(new LeaseRequest(1, ["noop"]))).Jobs);
        await Task.Delay(1300);
        var refused = await Assert.ThrowsAsync<VerbatimApiException>(() => late.UploadResultAsync(first.JobId, Signed(first, "reproducible", lateKey)));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);

        var (next, nextKey) = await ManualWorkerAsync(service, "next-worker");
        var second = Assert.Single((await next.LeaseAsync(new LeaseRequest(1, ["noop"]))).Jobs);
        Assert.Equal(first.JobId, second.JobId);
        Assert.Equal(2, second.Attempt);
        var stale = await Assert.ThrowsAsync<VerbatimApiException>(() => late.UploadResultAsync(first.JobId, Signed(first, "reproducible", lateKey)));
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        await Assert.ThrowsAsync<VerbatimApiException>(() => late.RenewAsync(first.JobId, first.LeaseId));

        await next.UploadResultAsync(second.JobId, Signed(second, "build-failed", nextKey));
        var twice = await Assert.ThrowsAsync<VerbatimApiException>(() => next.UploadResultAsync(second.JobId, Signed(second, "build-failed", nextKey)));
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        var job = await service.Anonymous.JobAsync(second.JobId);
        Assert.Equal(JobStates.Done, job.State);
        Assert.Empty((await next.LeaseAsync(new LeaseRequest(1, ["noop"]))).Jobs); // a build failure is recorded once, not retried
        var result = Assert.Single(Assert.Single((await service.Anonymous.PackageAsync("noop", "p0")).Versions).Results);
        Assert.Equal(("next-worker", "build-failed"), (result.Worker, result.Verdict));
    }

    [Fact]
    public async Task A_result_signed_by_another_key_is_refused()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store);
        await service.SeedAsync("forged", 1);
        var (worker, _) = await ManualWorkerAsync(service, "honest");
        var lease = Assert.Single((await worker.LeaseAsync(new LeaseRequest(1, ["noop"]))).Jobs);
        using var other = SigningKey.Generate();
        var forged = await Assert.ThrowsAsync<VerbatimApiException>(() => worker.UploadResultAsync(lease.JobId, Signed(lease, "reproducible", other)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.Status);
        Assert.Contains("does not verify", forged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infrastructure_failures_are_retried_up_to_the_limit_then_failed_with_the_reason()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store, Short);
        await service.SeedAsync("flaky", 1, """{"infrastructureFailure": "the mirror did not answer"}""");
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var worker = await service.StartWorkerAsync("w", 1, stop.Token, e => { if (e.Kind == WorkerEvent.Failed) { failures.Enqueue(e.Message); } });
        var figures = await service.WaitDoneAsync("flaky");
        await stop.CancelAsync();
        await worker.Run;

        Assert.Equal(1, figures.Failed);
        Assert.Equal(2, failures.Count);
        var job = await service.Anonymous.JobAsync(1);
        Assert.Equal((JobStates.Failed, 2), (job.State, job.Attempts));
        Assert.Equal("the mirror did not answer (gave up after 2 attempts)", job.LastError);
    }

    [Fact]
    public async Task Writes_without_a_token_or_with_the_wrong_scope_are_refused_with_a_json_error()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store);
        var (worker, _) = await ManualWorkerAsync(service, "scoped");

        var anonymous = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Anonymous.CreateCollectionAsync(new CollectionCreate("c", "noop")));
        Assert.Equal((HttpStatusCode.Unauthorized, "this request needs a token: Authorization: Bearer TOKEN"), (anonymous.Status, anonymous.Error));
        var wrongToken = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Client("vbt_wrong").CreateCollectionAsync(new CollectionCreate("c", "noop")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        var workerWrites = await Assert.ThrowsAsync<VerbatimApiException>(() => worker.CreateCollectionAsync(new CollectionCreate("c", "noop")));
        Assert.Equal(HttpStatusCode.Forbidden, workerWrites.Status);
        var adminLeases = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Admin.LeaseAsync(new LeaseRequest(1, ["noop"])));
        Assert.Equal(HttpStatusCode.Forbidden, adminLeases.Status);
        var anonymousResult = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Anonymous.FailAsync(1, new JobFailure("x", "y")));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResult.Status);
        Assert.Empty(await service.Anonymous.CollectionsAsync());

        var bad = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Admin.CreateCollectionAsync(new CollectionCreate("bad name", "noop")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        using var raw = new HttpClient();
        using var response = await raw.PostAsync(service.Url + "/api/v1/collections", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\"status\":400,\"error\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_version_queues_a_new_job_and_the_history_of_verdicts_is_kept()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store);
        await service.Admin.CreateCollectionAsync(new CollectionCreate("versions", "noop"));
        await service.Admin.AddPackagesAsync("versions", new PackagesAdd([new PackageAdd("tool", "1", ["base"], """{"reference": "built 2024-01-01\n", "rebuilt": "built 2025-02-02\n"}""")]));
        using var stop = new CancellationTokenSource();
        var worker = await service.StartWorkerAsync("w", 1, stop.Token);
        await service.WaitDoneAsync("versions");
        var again = await service.Admin.AddPackagesAsync("versions", new PackagesAdd([new PackageAdd("tool", "1", ["base"]), new PackageAdd("tool", "2", ["base"])]));
        Assert.Equal(new PackagesAdded(1, 1, 1), again);
        var figures = await service.WaitDoneAsync("versions");
        await stop.CancelAsync();
        await worker.Run;

        Assert.Equal((1, 1), (figures.Total, figures.Reproducible));
        var detail = await service.Anonymous.PackageAsync("noop", "tool");
        Assert.Equal(["2", "1"], detail.Versions.Select(v => v.Version));
        var old = Assert.Single(detail.Versions[1].Results);
        Assert.Equal("not-reproducible", old.Verdict);
        Assert.Equal(["timestamp"], old.Causes);
        Assert.NotNull(old.DiffUrl);
        var why = await service.Anonymous.WhyAsync("versions");
        Assert.Empty(why.Causes); // the newest version reproduces: the old cause no longer counts
        var collection = (await store.FindCollectionAsync("versions", CancellationToken.None))!;
        Assert.Equal(await ((SqlStore)store).AggregatedFiguresAsync(collection.Id, CancellationToken.None), await store.FiguresAsync(collection.Id, CancellationToken.None));
        Assert.Equal(["all", "base"], (await service.Anonymous.CollectionAsync("versions")).Sections.Select(s => s.Section));
    }

    [Fact]
    public async Task A_batch_of_results_is_recorded_or_refused_result_by_result()
    {
        await using var store = await NewStoreAsync();
        await using var service = await TestService.StartAsync(store);
        await service.SeedAsync("batch", 3);
        var (worker, key) = await ManualWorkerAsync(service, "batcher");
        var leases = (await worker.LeaseAsync(new LeaseRequest(3, ["noop"]))).Jobs;
        Assert.Equal(3, leases.Count);
        using var other = SigningKey.Generate();
        var answer = await worker.UploadResultsAsync(new ResultBatch(
        [
            new JobResult(leases[0].JobId, Signed(leases[0], "reproducible", key)),
            new JobResult(leases[1].JobId, Signed(leases[1], "reproducible", other)),
            new JobResult(leases[2].JobId, Signed(leases[2], "not-reproducible", key)),
            new JobResult(leases[2].JobId, Signed(leases[2], "not-reproducible", key)),
            new JobResult(999, Signed(leases[0] with { JobId = 999 }, "reproducible", key)),
        ]));
        Assert.Equal([201, 422, 201, 409, 404], answer.Results.Select(r => r.Status));
        Assert.NotNull(answer.Results[0].ResultId);
        var again = await worker.UploadResultsAsync(new ResultBatch([new JobResult(leases[0].JobId, Signed(leases[0], "reproducible", key))]));
        Assert.Equal(409, Assert.Single(again.Results).Status);

        var all = (await service.Anonymous.CollectionAsync("batch")).Sections[0];
        Assert.Equal((1L, 1L, 1L), (all.Reproducible, all.NotReproducible, all.Pending));
        var page = await service.Anonymous.PackagesAsync("batch", status: PackageStatus.Pending);
        Assert.Equal(("p1", 1L), (Assert.Single(page.Packages).Name, page.Total));
        Assert.Equal(3, (await service.Anonymous.PackagesAsync("batch", query: "p")).Total);
        Assert.Empty((await service.Anonymous.PackagesAsync("batch", query: "q")).Packages);
    }

    private static async Task<(VerbatimClient Client, SigningKey Key)> ManualWorkerAsync(TestService service, string name)
    {
        var client = await service.WorkerClientAsync(name);
        var key = SigningKey.Generate();
        await client.RegisterAsync(new WorkerRegister(key.ExportPublicPem()));
        return (client, key);
    }

    private static ResultUpload Signed(JobLease lease, string verdict, SigningKey key)
    {
        var upload = new ResultUpload(lease.LeaseId, verdict, new string('a', 64), new string('b', 64), [], [], "manual", "");
        return upload with { Attestation = ResultStatement.Sign(lease, upload, key) };
    }
}

public sealed class SqliteSchedulingTests : SchedulingTests, IDisposable
{
    private readonly TempDirectory directory = new();

    protected override Task<IServiceStore> NewStoreAsync() =>
        Task.FromResult<IServiceStore>(new Verbatim.Server.Storage.Sqlite.SqliteStore(Path.Combine(directory.Path, Guid.NewGuid().ToString("N") + ".db")));

    public void Dispose() => directory.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchedulingTests(Postgres postgres) : SchedulingTests
{
    protected override async Task<IServiceStore> NewStoreAsync() => StoreFactory.Open(await postgres.CreateDatabaseAsync());
}
