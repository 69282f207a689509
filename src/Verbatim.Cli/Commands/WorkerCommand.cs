using System.CommandLine;
using Verbatim.Provenance;
using Verbatim.Service.Contracts;
using Verbatim.Worker;
using Verbatim.Worker.Executors;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim worker --server URL --token-file F [--concurrency N] [--key FILE]</c>: leases jobs from a server,
/// runs them, signs and uploads every verdict. The key defaults to F.key, made on first use. docs/serve.md.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(CliContext cli)
    {
        var server = new Option<string>("--server") { Description = "The server's URL, e.g. http://127.0.0.1:8080.", Required = true, HelpName = "URL" };
        var tokenFile = new Option<string>("--token-file") { Description = "A file holding this worker's token (verbatim token create --scope worker).", Required = true, HelpName = "FILE" };
        var concurrency = new Option<int>("--concurrency") { Description = "Jobs run at once.", DefaultValueFactory = _ => 1 };
        var keyFile = new Option<string?>("--key") { Description = "The private key (PEM) that signs this worker's verdicts; default: the token file's path + .key, made (mode 0600) when missing.", HelpName = "FILE" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only failures." };
        var json = new Option<bool>("--json") { Description = "Print each event as a JSON line." };
        var command = new Command("worker", "Lease jobs from a Verbatim server, rebuild, sign and upload the verdicts. Stops on SIGINT/SIGTERM.")
        {
            server, tokenFile, concurrency, keyFile, quiet, json,
        };
        command.SetAction(async (parse, cancel) => await RunAsync(cli, parse.GetValue(server)!, parse.GetValue(tokenFile)!, parse.GetValue(keyFile),
            parse.GetValue(concurrency), parse.GetValue(quiet), parse.GetValue(json), cancel).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string server, string tokenFile, string? keyFile, int concurrency, bool quiet, bool json, CancellationToken cancel)
    {
        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            await cli.Error.WriteLineAsync($"verbatim worker: --server '{server}' is not an http(s) URL").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        if (concurrency < 1)
        {
            await cli.Error.WriteLineAsync("verbatim worker: --concurrency must be at least 1").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        string token;
        SigningKey key;
        try
        {
            token = (await File.ReadAllTextAsync(tokenFile, cancel).ConfigureAwait(false)).Trim();
            key = LoadOrCreateKey(keyFile ?? tokenFile + ".key");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeyException)
        {
            await cli.Error.WriteLineAsync($"verbatim worker: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        var executors = BuildLocations.Executors(cli);
        using (key)
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
            var client = new VerbatimClient(http, token);
            var worker = new JobWorker(client, key, executors, new WorkerOptions { Concurrency = concurrency }, e => Report(cli, e, quiet, json));
            if (!quiet && !json)
            {
                await cli.Out.WriteLineAsync($"verbatim worker: {server}, {concurrency} job(s) at once, ecosystems {string.Join(", ", executors.Ecosystems)}, key {key.KeyId[..16]}").ConfigureAwait(false);
            }

            try
            {
                await worker.RunAsync(cancel).ConfigureAwait(false);
            }
            catch (VerbatimApiException e)
            {
                await cli.Error.WriteLineAsync($"verbatim worker: the server refused: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }
        }

        return ExitCodes.Ok;
    }

    private static void Report(CliContext cli, WorkerEvent e, bool quiet, bool json)
    {
        if (json)
        {
            lock (cli.Out)
            {
                cli.Out.WriteLine($"{{\"event\":\"{e.Kind}\",\"job\":{e.JobId},\"message\":{System.Text.Json.JsonSerializer.Serialize(e.Message, ApiJson.Default.String)}}}");
            }

            return;
        }

        if (e.Kind is WorkerEvent.Failed or WorkerEvent.LeaseLost or WorkerEvent.Unreachable)
        {
            lock (cli.Error)
            {
                cli.Error.WriteLine($"verbatim worker: job {e.JobId}: {e.Kind}: {e.Message}");
            }
        }
        else if (!quiet)
        {
            lock (cli.Out)
            {
                cli.Out.WriteLine($"job {e.JobId} {e.Kind}: {e.Message}");
            }
        }
    }

    private static SigningKey LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return SigningKey.LoadPrivatePem(path);
        }

        var key = SigningKey.Generate();
        KeyCommand.WritePair(key, path, Path.ChangeExtension(path, ".pub"));
        return key;
    }
}
