namespace Verbatim.Tests.Support;

/// <summary>
/// Runs the CLI the way the tests mostly should: in this process (<see cref="InProcessCli"/>), against in-memory
/// writers and a given environment. <see cref="CliProcess"/> starts a real process for the few tests where the
/// process itself matters (exit status, standard output as a pipe).
/// </summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args) => InProcessCli.Run(args);

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args) => InProcessCli.Run(environment, args);
}
