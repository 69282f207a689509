using System.CommandLine;
using Verbatim.Build;
using Verbatim.Build.Recipes;
using Verbatim.Provenance;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim build PATH [--out DIR] [--key KEY]</c>: a hermetic build from a recipe, each step in a fresh sandbox.</summary>
public static class BuildCommand
{
    public static Command Create(CliContext cli)
    {
        var recipe = new Argument<string>("PATH") { Description = "A recipe file, or a folder holding verbatim.yaml." };
        var output = new Option<string>("--out") { Description = "Write outputs, buildinfo.json and provenance here.", HelpName = "DIR", DefaultValueFactory = _ => "out" };
        var key = new Option<string?>("--key") { Description = "Sign the provenance with this ECDSA P-256 private key (default: $VERBATIM_KEY, else ~/.config/verbatim/builder.key, created if missing).", HelpName = "KEY" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not echo the steps' output." };
        var command = new Command("build", "Build from a recipe: verify every pinned input, run each step in a fresh sandbox, collect the outputs. Exit 0 built, 1 build failed, 2 bad recipe or key.")
        {
            recipe, output, key, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Recipe loaded;
            try
            {
                loaded = RecipeLoader.Load(parse.GetValue(recipe)!);
            }
            catch (RecipeException e)
            {
                await cli.Error.WriteLineAsync($"verbatim build: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            if (BuildLocations.Cache(cli) is not { } store)
            {
                await cli.Error.WriteLineAsync("verbatim build: no cache directory: set VERBATIM_CACHE or HOME").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            SigningKey? signer;
            try
            {
                signer = OpenSigningKey(cli, parse.GetValue(key));
            }
            catch (KeyException e)
            {
                await cli.Error.WriteLineAsync($"verbatim build: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            using (signer)
            {
                return await BuildAsync(cli, loaded, store, signer, parse.GetValue(output)!, !parse.GetValue(quiet), cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> BuildAsync(CliContext cli, Recipe recipe, Verbatim.Build.Cache.ContentStore store, SigningKey? signer, string outDir, bool echo, CancellationToken cancellationToken)
    {
        var gate = new object();
        var options = new BuildOptions
        {
            OutDir = Path.GetFullPath(outDir),
            Store = store,
            Signer = signer,
            ScratchRoot = BuildLocations.Scratch(cli),
            Progress = e =>
            {
                if (e.Kind is BuildEventKind.InputVerified or BuildEventKind.StepStarted or BuildEventKind.Notice || (echo && e.Kind == BuildEventKind.StepOutput))
                {
                    lock (gate)
                    {
                        cli.Error.WriteLine(e.Message);
                    }
                }
            },
        };
        try
        {
            var result = await BuildRunner.BuildAsync(recipe, options, cancellationToken).ConfigureAwait(false);
            foreach (var subject in result.Record.Subjects)
            {
                cli.Out.WriteLine($"{subject.Sha256}  {subject.Name}");
            }

            return ExitCodes.Ok;
        }
        catch (BuildException e)
        {
            await cli.Error.WriteLineAsync($"verbatim build: {recipe.Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Different;
        }
    }

    /// <summary>The key named by --key (which must exist), else the builder's default key, created on first use; null when there is no default.</summary>
    /// <exception cref="KeyException">The key does not exist or cannot be used.</exception>
    private static SigningKey? OpenSigningKey(CliContext cli, string? keyPath)
    {
        if (keyPath is not null)
        {
            return File.Exists(keyPath) ? SigningKey.LoadPrivatePem(keyPath) : throw new KeyException($"signing key {keyPath} does not exist");
        }

        if (BuildLocations.DefaultKey(cli) is not { } path)
        {
            return null;
        }

        if (File.Exists(path))
        {
            return SigningKey.LoadPrivatePem(path);
        }

        var key = SigningKey.Generate();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            KeyCommand.WritePair(key, path, Path.ChangeExtension(path, ".pub"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new KeyException($"signing key {path}: cannot create it: {e.Message}", e);
        }

        cli.Error.WriteLine($"verbatim build: created signing key {path} (public key {Path.ChangeExtension(path, ".pub")})");
        return key;
    }
}
