using System.CommandLine;
using Verbatim.Cli.Commands;

namespace Verbatim.Cli;

/// <summary>The one list of the CLI's commands.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        DiffCommand.Create(),
        KeyCommand.Create(),
        AttestCommand.Create(),
        NormalizeCommand.Create(),
        BuildCommand.Create(),
        HashCommand.Create(),
        EnvCommand.Create(),
    ];
}
