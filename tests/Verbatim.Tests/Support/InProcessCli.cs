using Verbatim.Cli;

namespace Verbatim.Tests.Support;

/// <summary>Runs the CLI in this process, as Program.cs does, against in-memory writers and a given environment.</summary>
public static class InProcessCli
{
    public static Cli.Result Run(params string[] args) => Run(null, args);

    public static Cli.Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = VerbatimCli.RunAsync(args, CliContext.InMemory(stdout, stderr, environment)).GetAwaiter().GetResult();
        return new Cli.Result(code, stdout.ToString(), stderr.ToString());
    }
}
