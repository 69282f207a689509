using System.CommandLine;
using Verbatim.Cli;

namespace Verbatim.Tests.Provenance;

/// <summary>Runs CLI commands in-process the way Program.cs does, capturing their output.</summary>
internal static class ProvenanceCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("verbatim");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return (ExitCodes.UsageOrInput, "", string.Join("\n", parsed.Errors.Select(e => e.Message)));
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
