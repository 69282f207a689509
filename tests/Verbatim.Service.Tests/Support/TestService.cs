using Verbatim.Provenance;
using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Hosting;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;
using Verbatim.Worker;
using Verbatim.Worker.Executors;

namespace Verbatim.Service.Tests.Support;

/// <summary>A server in this process (Kestrel on a free port) over a given store, with an admin token and helpers to make workers.</summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly List<HttpClient> clients = [];

    private TestService(ServiceHost host, IServiceStore store, string adminToken)
    {
        Host = host;
        Store = store;
        Url = host.Urls[0];
        Admin = Client(adminToken);
        Anonymous = Client(null);
    }

    public ServiceHost Host { get; }

    public IServiceStore Store { get; }

    public string Url { get; }

    public VerbatimClient Admin { get; }

    public VerbatimClient Anonymous { get; }

    public static async Task<TestService> StartAsync(IServiceStore store, LeasePolicy? leases = null, string url = "http://127.0.0.1:0")
    {
        var host = await ServiceHost.StartAsync(store, new ServerOptions { Urls = [url], Leases = leases ?? LeasePolicy.Default, HistoryEvery = TimeSpan.FromMilliseconds(300) }, null, CancellationToken.None);
        var admin = await TokenIssuer.CreateAsync(store, new TokenCreate("admin-" + Guid.NewGuid().ToString("N")[..8], TokenScopes.Admin), false, Now, CancellationToken.None);
        return new TestService(host, store, admin.Token);
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public VerbatimClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        clients.Add(http);
        return new VerbatimClient(http, token);
    }

    /// <summary>A worker token named <paramref name="name"/> (its key registered by the worker when it starts).</summary>
    public async Task<VerbatimClient> WorkerClientAsync(string name) =>
        Client((await TokenIssuer.CreateAsync(Store, new TokenCreate(name, TokenScopes.Worker), false, Now, CancellationToken.None)).Token);

    /// <summary>Starts a worker in this process; cancel the token to stop it.</summary>
    public async Task<(Task Run, SigningKey Key)> StartWorkerAsync(string name, int concurrency, CancellationToken cancel, Action<WorkerEvent>? events = null)
    {
        var key = SigningKey.Generate();
        var client = await WorkerClientAsync(name);
        var worker = new JobWorker(client, key, ExecutorRegistry.Create(new Verbatim.Build.Cache.ContentStore(Path.Combine(Path.GetTempPath(), "verbatim-service-test-cas"))), new WorkerOptions { Concurrency = concurrency, IdleWait = TimeSpan.FromMilliseconds(20), MaxIdleWait = TimeSpan.FromMilliseconds(200) }, events);
        return (Task.Run(() => worker.RunAsync(cancel), CancellationToken.None), key);
    }

    /// <summary>A noop collection with <paramref name="count"/> packages p0…; <paramref name="spec"/> for each.</summary>
    public async Task SeedAsync(string collection, int count, string? spec = null)
    {
        await Admin.CreateCollectionAsync(new CollectionCreate(collection, "noop", "test"));
        await Admin.AddPackagesAsync(collection, new PackagesAdd([.. Enumerable.Range(0, count).Select(i => new PackageAdd($"p{i}", "1.0", null, spec))]));
    }

    /// <summary>Waits until the collection has no pending package (or fails after <paramref name="seconds"/>).</summary>
    public async Task<SectionFigures> WaitDoneAsync(string collection, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var all = (await Anonymous.CollectionAsync(collection)).Sections[0];
            if (all.Pending == 0)
            {
                return all;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{collection}: {all.Pending} of {all.Total} still pending after {seconds} s");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }
}
