using System.CommandLine;
using Verbatim.Cli.Commands;

namespace Verbatim.Cli;

/// <summary>The one list of the CLI's commands.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext cli) =>
    [
        DiffCommand.Create(cli),
        KeyCommand.Create(cli),
        AttestCommand.Create(cli),
        NormalizeCommand.Create(cli),
        BuildCommand.Create(cli),
        HashCommand.Create(cli),
        EnvCommand.Create(cli),
        CheckCommand.Create(cli),
        RebuildCommand.Create(cli),
        ServeCommand.Create(cli),
        WorkerCommand.Create(cli),
        TokenCommand.Create(cli),
    ];
}
