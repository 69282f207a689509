using System.CommandLine;
using Verbatim.Build;
using Verbatim.Build.Environments;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim env create debian --suite S --packages a,b,c</c>: a pinned build environment stored in the cache by digest.</summary>
public static class EnvCommand
{
    public static Command Create(CliContext cli)
    {
        var distribution = new Argument<string>("DISTRIBUTION") { Description = "Only 'debian' for now." };
        var suite = new Option<string>("--suite") { Description = "The Debian suite.", DefaultValueFactory = _ => "bookworm" };
        var packages = new Option<string?>("--packages") { Description = "Comma-separated packages to install.", HelpName = "A,B,C" };
        var mirror = new Option<string?>("--mirror") { Description = "The Debian mirror (default: mmdebstrap's).", HelpName = "URL" };
        var create = new Command("create", "Create a root file system with mmdebstrap, record its packages, pack it deterministically and print its digest.")
        {
            distribution, suite, packages, mirror,
        };
        create.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(distribution) != "debian")
            {
                await cli.Error.WriteLineAsync("verbatim env create: only 'debian' environments can be created").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            if (BuildLocations.Cache(cli) is not { } store)
            {
                await cli.Error.WriteLineAsync("verbatim env create: no cache directory: set VERBATIM_CACHE or HOME").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            var list = (parse.GetValue(packages) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
                var created = await DebianEnvironmentCreator.CreateAsync(store, parse.GetValue(suite)!, list, parse.GetValue(mirror), line => cli.Error.WriteLine(line), cancellationToken).ConfigureAwait(false);
                foreach (var package in created.Packages)
                {
                    cli.Error.WriteLine($"  {package.Name} {package.Version} {package.Architecture}");
                }

                cli.Out.WriteLine($"sha256:{created.Digest}");
                return ExitCodes.Ok;
            }
            catch (BuildException e)
            {
                await cli.Error.WriteLineAsync($"verbatim env create: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Different;
            }
        });
        return new Command("env", "Build environments pinned by digest.") { create };
    }
}
