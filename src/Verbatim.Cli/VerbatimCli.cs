using System.CommandLine;
using Verbatim.Cli.Output;

namespace Verbatim.Cli;

/// <summary>The whole CLI as one call: parse <paramref name="args"/>, run the command against <c>cli</c>, return the exit code.</summary>
public static class VerbatimCli
{
    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var root = new RootCommand("Verbatim: build hermetically, rebuild independently, and prove that the bits match.");
        foreach (var command in CommandCatalog.All(cli))
        {
            root.Subcommands.Add(command);
        }

        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(cli);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await cli.Error.WriteLineAsync($"verbatim: {error.Message}").ConfigureAwait(false);
            }

            await cli.Error.WriteLineAsync("Run 'verbatim --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        var configuration = new InvocationConfiguration { Output = cli.Out, Error = cli.Error };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
