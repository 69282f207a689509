using Verbatim.Build.Cache;
using Verbatim.Provenance;
using Verbatim.Server.Storage.Sqlite;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;
using Verbatim.Worker;
using Verbatim.Worker.Executors;

namespace Verbatim.Service.Tests.Rebuild;

/// <summary>
/// A real rebuild through the service: an npm package from the registry, queued by the API, leased by a worker whose
/// executors are the real ones (<see cref="ExecutorRegistry.Create"/>), rebuilt in the build sandbox and compared with
/// the published tarball by the diff engine; the verdict, digests, build record and signed attestation are kept.
/// </summary>
public sealed class RebuildJobTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task A_worker_rebuilds_a_published_npm_package_and_the_server_keeps_its_signed_verdict()
    {
        await using var store = new SqliteStore(Path.Combine(directory.Path, "service.db"));
        await using var service = await TestService.StartAsync(store);
        await service.Admin.CreateCollectionAsync(new CollectionCreate("npm-small", "npm", "real npm packages"));
        await service.Admin.AddPackagesAsync("npm-small", new PackagesAdd([new PackageAdd("is-number", "7.0.0")]));

        using var key = SigningKey.Generate();
        var client = await service.WorkerClientAsync("rebuild-worker");
        var executors = ExecutorRegistry.Create(new ContentStore("/tmp/verbatim-test-cas"));
        Assert.Contains("npm", executors.Ecosystems);
        Assert.Contains("debian", executors.Ecosystems);
        var failures = new List<string>();
        var worker = new JobWorker(client, key, executors, new WorkerOptions { Concurrency = 1, IdleWait = TimeSpan.FromMilliseconds(50), MaxIdleWait = TimeSpan.FromMilliseconds(500) },
            e => { if (e.Kind == WorkerEvent.Failed) { lock (failures) { failures.Add(e.Message); } } });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None);
        var figures = await service.WaitDoneAsync("npm-small", seconds: 300);
        await stop.CancelAsync();
        await run;

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(1, figures.Reproducible + figures.Equivalent + figures.NotReproducible);
        var package = await service.Anonymous.PackageAsync("npm", "is-number");
        var result = Assert.Single(Assert.Single(package.Versions).Results);
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.Matches("^[0-9a-f]{64}$", result.ReferenceDigest ?? "");
        Assert.Matches("^[0-9a-f]{64}$", result.RebuiltDigest ?? "");
        Assert.NotNull(result.BuildRecordUrl);
        if (result.Verdict == PackageStatus.Equivalent)
        {
            Assert.NotEmpty(result.Normalizations);
        }
    }

    public void Dispose() => directory.Dispose();
}
