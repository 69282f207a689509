using System.CommandLine;
using Verbatim.Cli;

var root = new RootCommand("Verbatim: build hermetically, rebuild independently, and prove that the bits match.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"verbatim: {error.Message}");
    }

    Console.Error.WriteLine("Run 'verbatim --help' for usage.");
    return ExitCodes.UsageOrInput;
}

return await parsed.InvokeAsync().ConfigureAwait(false);
