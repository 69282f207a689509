using Verbatim.Build.Environments;

namespace Verbatim.Build.Sandbox;

/// <summary>Everything one sandboxed step needs: environment, workspace, variables, command and limits.</summary>
/// <param name="Workspace">The host directory mounted writable at <paramref name="WorkspacePath"/>.</param>
/// <param name="EtcFiles">A host directory holding the generated passwd, group and hosts files.</param>
public sealed record SandboxSpec(
    ResolvedEnvironment Environment,
    string Workspace,
    string WorkspacePath,
    string EtcFiles,
    IReadOnlyDictionary<string, string> Variables,
    string Command,
    TimeSpan Timeout,
    int Processes,
    long FileSizeBytes);
