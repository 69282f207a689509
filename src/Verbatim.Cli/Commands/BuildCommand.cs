using System.CommandLine;
using Verbatim.Build;
using Verbatim.Build.Recipes;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim build PATH [--out DIR] [--key KEY]</c>: a hermetic build from a recipe, each step in a fresh sandbox.</summary>
public static class BuildCommand
{
    public static Command Create(CliContext cli)
    {
        var recipe = new Argument<string>("PATH") { Description = "A recipe file, or a folder holding verbatim.yaml." };
        var output = new Option<string>("--out") { Description = "Write outputs, buildinfo.json and provenance here.", HelpName = "DIR", DefaultValueFactory = _ => "out" };
        var key = new Option<string?>("--key") { Description = "Sign the provenance with this ECDSA P-256 private key.", HelpName = "KEY" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not echo the steps' output." };
        var command = new Command("build", "Build from a recipe: verify every pinned input, run each step in a fresh sandbox, collect the outputs. Exit 0 built, 1 build failed, 2 bad recipe.")
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

            if (parse.GetValue(key) is { } keyPath && !File.Exists(keyPath))
            {
                await cli.Error.WriteLineAsync($"verbatim build: signing key {keyPath} does not exist").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            var echo = !parse.GetValue(quiet);
            var options = new BuildOptions
            {
                OutDir = Path.GetFullPath(parse.GetValue(output)!),
                KeyPath = parse.GetValue(key),
                Log = line =>
                {
                    if (echo || line.StartsWith("step ", StringComparison.Ordinal) || line.StartsWith("input ", StringComparison.Ordinal))
                    {
                        cli.Error.WriteLine(line);
                    }
                },
            };
            try
            {
                var result = await BuildRunner.BuildAsync(loaded, options, cancellationToken).ConfigureAwait(false);
                foreach (var subject in result.Record.Subjects)
                {
                    cli.Out.WriteLine($"sha256:{subject.Sha256}  {subject.Name}");
                }

                return ExitCodes.Ok;
            }
            catch (BuildException e)
            {
                await cli.Error.WriteLineAsync($"verbatim build: {loaded.Name}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Different;
            }
        });
        return command;
    }
}
