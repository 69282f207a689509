using Verbatim.Build.Environments;

namespace Verbatim.Build.Sandbox;

/// <summary>Everything one sandboxed step needs: environment, workspace, identity, variables, command and limits.</summary>
/// <param name="Workspace">The host directory mounted writable at <paramref name="WorkspacePath"/>.</param>
/// <param name="Identity">Who and where the step believes it runs (its /etc files, uid, host name, umask…).</param>
/// <param name="Variables">Every variable the step starts with (the identity's and the recipe's).</param>
public sealed record SandboxSpec(
    ResolvedEnvironment Environment,
    string Workspace,
    string WorkspacePath,
    AppliedIdentity Identity,
    IReadOnlyDictionary<string, string> Variables,
    string Command,
    TimeSpan Timeout,
    int Processes,
    long FileSizeBytes);
