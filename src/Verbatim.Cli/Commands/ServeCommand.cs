using System.CommandLine;
using System.Net.Sockets;
using Verbatim.Provenance;
using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Hosting;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;
using Verbatim.Worker;
using Verbatim.Worker.Executors;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim serve [--db sqlite:PATH|postgres://…] [--urls URL] [--workers N]</c>: the rebuilder service (API and
/// dashboard) on Kestrel, with N in-process workers (default 1; 0 for a server that only schedules). docs/serve.md.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var db = new Option<string>("--db") { Description = "The database: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.", DefaultValueFactory = _ => StoreFactory.DefaultDatabase, HelpName = "DB" };
        var urls = new Option<string>("--urls") { Description = "Where to listen, comma-separated.", DefaultValueFactory = _ => "http://127.0.0.1:8080", HelpName = "URLS" };
        var workers = new Option<int>("--workers") { Description = "Jobs run at once by the in-process worker (0: none; run `verbatim worker` elsewhere).", DefaultValueFactory = _ => 1 };
        var lease = new Option<int>("--lease-seconds") { Description = "How long a lease lasts without renewal.", DefaultValueFactory = _ => 60 };
        var renew = new Option<int>("--renew-seconds") { Description = "How often workers renew their leases.", DefaultValueFactory = _ => 20 };
        var attempts = new Option<int>("--max-attempts") { Description = "Attempts of a job failing for the infrastructure's sake (or losing its worker) before it is failed.", DefaultValueFactory = _ => 3 };
        var backoff = new Option<int>("--backoff-seconds") { Description = "The wait before the second attempt, doubled for each further one.", DefaultValueFactory = _ => 30 };
        var history = new Option<int>("--history-seconds") { Description = "How often the figures are recorded for the history charts.", DefaultValueFactory = _ => 60 };
        var json = new Option<bool>("--json") { Description = "Print the start-up line as JSON." };
        var command = new Command("serve", "Run the rebuilder service: the API, the dashboard and in-process workers. Stops on SIGINT/SIGTERM.")
        {
            db, urls, workers, lease, renew, attempts, backoff, history, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var values = new[] { parse.GetValue(lease), parse.GetValue(renew), parse.GetValue(attempts), parse.GetValue(history) };
            if (values.Any(v => v < 1) || parse.GetValue(backoff) < 0 || parse.GetValue(workers) < 0 || parse.GetValue(renew) >= parse.GetValue(lease))
            {
                await cli.Error.WriteLineAsync("verbatim serve: the intervals and counts must be positive, and --renew-seconds less than --lease-seconds").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            var options = new ServerOptions
            {
                Urls = [.. parse.GetValue(urls)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Leases = new LeasePolicy(TimeSpan.FromSeconds(parse.GetValue(lease)), TimeSpan.FromSeconds(parse.GetValue(renew)), parse.GetValue(attempts), TimeSpan.FromSeconds(parse.GetValue(backoff))),
                HistoryEvery = TimeSpan.FromSeconds(parse.GetValue(history)),
            };
            return await RunAsync(cli, parse.GetValue(db)!, options, parse.GetValue(workers), parse.GetValue(json), cancel).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string database, ServerOptions options, int workers, bool json, CancellationToken cancel)
    {
        IServiceStore store;
        try
        {
            store = StoreFactory.Open(database);
        }
        catch (ArgumentException e)
        {
            await cli.Error.WriteLineAsync($"verbatim serve: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        await using var owned = store;
        ServiceHost host;
        try
        {
            host = await ServiceHost.StartAsync(store, options, null, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (ServiceErrors.IsStartupFailure(e))
        {
            await cli.Error.WriteLineAsync($"verbatim serve: {ServiceErrors.Describe(store, e)}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        await using var running = host;
        var url = host.Urls[0].Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        if (json)
        {
            await cli.Out.WriteLineAsync($"{{\"urls\":[{string.Join(",", host.Urls.Select(u => "\"" + u + "\""))}],\"database\":\"{store.Describe.Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"workers\":{workers}}}").ConfigureAwait(false);
        }
        else
        {
            await cli.Out.WriteLineAsync($"verbatim serve: listening on {string.Join(", ", host.Urls)} (dashboard {url}/, API {url}/api/v1/)").ConfigureAwait(false);
            await cli.Out.WriteLineAsync($"verbatim serve: database {store.Describe} (schema up to date)").ConfigureAwait(false);
        }

        Task worker = Task.CompletedTask;
        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(100) };
        using var key = SigningKey.Generate();
        var executors = BuildLocations.Executors(cli);
        if (workers > 0)
        {
            // The in-process worker has a token and a key of its own, made afresh at every start (its earlier results
            // stay verifiable: their attestations name the key, and the store keeps the attestations).
            // Named after this host and port, so that replicas sharing one PostgreSQL do not replace each other's.
            var name = LocalWorkerName(new Uri(url));
            var token = await TokenIssuer.CreateAsync(store, new TokenCreate(name, TokenScopes.Worker, key.ExportPublicPem()), replace: true, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            var client = new VerbatimClient(http, token.Token);
            worker = new JobWorker(client, key, executors, new WorkerOptions { Concurrency = workers },
                e => { if (e.Kind is WorkerEvent.Failed or WorkerEvent.LeaseLost) { cli.Error.WriteLine($"verbatim serve: worker: job {e.JobId}: {e.Message}"); } }).RunAsync(cancel);
            if (!json)
            {
                await cli.Out.WriteLineAsync($"verbatim serve: in-process worker running {workers} job(s) at once (ecosystems: {string.Join(", ", executors.Ecosystems)}; key {key.KeyId[..16]})").ConfigureAwait(false);
            }
        }

        if (!json)
        {
            await cli.Out.WriteLineAsync($"verbatim serve: add an admin token with `verbatim token create --db {database} --scope admin --name admin`; stop with Ctrl-C").ConfigureAwait(false);
        }

        await cli.Out.FlushAsync(cancel).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping on a signal: the worker's leases expire and go to other workers.
        }

        await worker.ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary><c>local-HOST-PORT</c>, with the characters a token name may not have replaced by '-'.</summary>
    private static string LocalWorkerName(Uri url)
    {
        var host = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]);
        var name = $"local-{host}-{url.Port}";
        return name.Length > 100 ? name[..100] : name;
    }
}

/// <summary>The failures of starting the service that are the user's to fix (a port in use, a database that does not answer), in one line.</summary>
internal static class ServiceErrors
{
    public static bool IsStartupFailure(Exception e) =>
        e is IOException or SocketException or System.Data.Common.DbException or InvalidOperationException or UnauthorizedAccessException or ArgumentException or TimeoutException;

    public static string Describe(IServiceStore store, Exception e) => e switch
    {
        IOException { InnerException: SocketException } or IOException when e.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"cannot listen: {e.Message}",
        System.Data.Common.DbException or TimeoutException => $"database {store.Describe}: {e.Message}",
        _ => e.Message,
    };
}
