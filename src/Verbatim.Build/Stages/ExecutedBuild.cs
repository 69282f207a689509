using Verbatim.Build.Cache;
using Verbatim.Build.Sandbox;

namespace Verbatim.Build.Stages;

/// <summary>
/// The steps of a prepared build, run under one identity: the workspace they left, how each step ended, the tools they
/// saw and the variables they started with. When a step failed, <see cref="Failure"/> says which and how, and no later
/// step ran. Disposing it removes the workspace.
/// </summary>
public sealed class ExecutedBuild(PreparedBuild prepared, AppliedIdentity identity, string scratch, string workspace) : IDisposable
{
    public PreparedBuild Prepared { get; } = prepared;

    public AppliedIdentity Identity { get; } = identity;

    /// <summary>The host directory the steps' workspace is in.</summary>
    public string Workspace { get; } = workspace;

    /// <summary>Every variable the steps started with (the identity's, then the recipe's <c>env</c>; a step's own not included).</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    public required IReadOnlyDictionary<string, string> Tools { get; init; }

    public required IReadOnlyList<StepResult> Steps { get; init; }

    /// <summary>Why the build stopped (one line), or null when every step succeeded.</summary>
    public string? Failure { get; init; }

    public bool Succeeded => Failure is null;

    /// <exception cref="BuildException">A step failed.</exception>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
        {
            throw new BuildException(failure);
        }
    }

    public void Dispose() => TreeCopy.Delete(scratch);
}
