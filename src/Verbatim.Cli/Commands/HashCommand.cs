using System.CommandLine;
using Verbatim.Build.Hashing;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim hash PATH</c>: the SHA-256 a recipe pins: a file's, or a directory's canonical digest (docs/recipe.md).</summary>
public static class HashCommand
{
    public static Command Create(CliContext cli)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or directories.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("hash", "Print the SHA-256 of a file, or of a directory in canonical form (names, types, modes and contents; not times or owners).")
        {
            paths,
        };
        command.SetAction(parse =>
        {
            var status = ExitCodes.Ok;
            foreach (var path in parse.GetValue(paths)!)
            {
                try
                {
                    cli.Out.WriteLine($"{TreeHasher.OfPath(path)}  {path}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    cli.Error.WriteLine($"verbatim hash: {path}: {e.Message}");
                    status = ExitCodes.UsageOrInput;
                }
            }

            return status;
        });
        return command;
    }
}
