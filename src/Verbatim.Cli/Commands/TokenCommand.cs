using System.CommandLine;
using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim token create --scope admin|worker --name NAME [--db DB] [--public-key FILE] [--out FILE] [--json]</c>:
/// a token written straight into the service's database (stored as its SHA-256; shown once). docs/serve.md.
/// </summary>
public static class TokenCommand
{
    public static Command Create(CliContext cli)
    {
        var scope = new Option<string>("--scope") { Description = "admin (collections, packages, tokens) or worker (leases and results).", Required = true };
        scope.AcceptOnlyFromAmong(TokenScopes.Admin, TokenScopes.Worker);
        var name = new Option<string>("--name") { Description = "The token's name (a worker's name in results).", Required = true };
        var db = new Option<string>("--db") { Description = "The service's database, as for serve.", DefaultValueFactory = _ => StoreFactory.DefaultDatabase, HelpName = "DB" };
        var publicKey = new Option<string?>("--public-key") { Description = "A worker's public key (PEM) to register with its token.", HelpName = "FILE" };
        var output = new Option<string?>("--out") { Description = "Write the token to FILE (mode 0600) instead of printing it.", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print {name, scope, token, keyId} as JSON." };
        var create = new Command("create", "Create a token in the service's database. Exit 0 created, 2 bad input or a token of that name exists.")
        {
            scope, name, db, publicKey, output, json,
        };
        create.SetAction(async (parse, cancel) => await CreateAsync(cli, parse.GetValue(db)!, new TokenCreate(parse.GetValue(name)!, parse.GetValue(scope)!, null),
            parse.GetValue(publicKey), parse.GetValue(output), parse.GetValue(json), cancel).ConfigureAwait(false));
        return new Command("token", "Manage the service's API tokens.") { create };
    }

    private static async Task<int> CreateAsync(CliContext cli, string database, TokenCreate request, string? publicKey, string? output, bool json, CancellationToken cancel)
    {
        try
        {
            if (publicKey is not null)
            {
                request = request with { PublicKeyPem = await File.ReadAllTextAsync(publicKey, cancel).ConfigureAwait(false) };
            }

            await using var store = StoreFactory.Open(database);
            await store.MigrateAsync(cancel).ConfigureAwait(false);
            var created = await TokenIssuer.CreateAsync(store, request, replace: false, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            if (output is not null)
            {
                WriteSecret(output, created.Token + "\n");
            }

            if (json)
            {
                await cli.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(output is null ? created : created with { Token = "" }, ApiJson.Default.TokenCreated)).ConfigureAwait(false);
            }
            else if (output is null)
            {
                await cli.Out.WriteLineAsync(created.Token).ConfigureAwait(false);
            }
            else
            {
                await cli.Out.WriteLineAsync($"wrote the {created.Scope} token '{created.Name}' to {output}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            await cli.Error.WriteLineAsync($"verbatim token create: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }
    }

    private static void WriteSecret(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
