using Verbatim.Build.Cache;
using Verbatim.Build.Outputs;
using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Stages;

/// <summary>
/// The second stage: lay the verified inputs out in a fresh workspace and run each step in a fresh sandbox under one
/// <see cref="BuildIdentity"/>. It keeps no state between calls, so one process can execute many builds at once.
/// </summary>
public static class ExecuteStage
{
    /// <exception cref="BuildException">The identity cannot be applied here, or the workspace cannot be laid out. A failing step is not an exception: see <see cref="ExecutedBuild.Failure"/>.</exception>
    public static async Task<ExecutedBuild> ExecuteAsync(PreparedBuild prepared, BuildIdentity identity, string scratchRoot, Action<BuildEvent>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(identity);
        var recipe = prepared.Recipe;
        var scratch = Path.Combine(Path.GetFullPath(scratchRoot), "verbatim-build-" + Guid.NewGuid().ToString("N"));
        var workspace = Path.Combine(scratch, "ws");
        try
        {
            var applied = AppliedIdentity.Apply(identity, prepared.Environment, prepared.SourceDateEpoch, Path.Combine(scratch, "identity"), Path.Combine(Path.GetFullPath(scratchRoot), "verbatim-locales"));
            Workspace.Populate(workspace, prepared.Inputs);
            await Workspace.HandOverAsync(workspace, cancellationToken).ConfigureAwait(false);
            var variables = new SortedDictionary<string, string>(applied.Variables.ToDictionary(), StringComparer.Ordinal);
            foreach (var (key, value) in recipe.Env)
            {
                variables[key] = value;
            }

            SandboxSpec Spec(string command, TimeSpan timeout, IReadOnlyDictionary<string, string> extra)
            {
                var all = new SortedDictionary<string, string>(variables, StringComparer.Ordinal);
                foreach (var (key, value) in extra)
                {
                    all[key] = value;
                }

                return new(prepared.Environment, workspace, identity.WorkspacePath(recipe.Name), applied, all, command, timeout, recipe.Limits.Processes, recipe.Limits.OutputBytes);
            }

            var tools = await ToolVersions.ProbeAsync(recipe.Tools, c => Spec(c, TimeSpan.FromMinutes(1), new Dictionary<string, string>()), cancellationToken).ConfigureAwait(false);
            var steps = new List<StepResult>();
            string? failure = null;
            Action<string>? output = progress is null ? null : line => progress(new BuildEvent(BuildEventKind.StepOutput, line));
            foreach (var step in recipe.Steps)
            {
                progress?.Invoke(new BuildEvent(BuildEventKind.StepStarted, $"step {step.Name}: {step.Run}"));
                var outcome = await SandboxRunner.RunAsync(Spec(step.Run, step.Timeout ?? recipe.Limits.StepTimeout, step.Env), output, cancellationToken).ConfigureAwait(false);
                steps.Add(new StepResult(step.Name, outcome));
                if (!outcome.Succeeded)
                {
                    failure = $"step '{step.Name}' {outcome.Describe()}; last output: {OutputTail.OneLine(outcome.OutputTail)}";
                    break;
                }

                var size = OutputCollector.Size(workspace);
                if (size > recipe.Limits.OutputBytes)
                {
                    failure = $"step '{step.Name}' grew the workspace to {size} bytes, over the output limit of {recipe.Limits.OutputBytes}";
                    break;
                }
            }

            return new ExecutedBuild(prepared, applied, scratch, workspace) { Variables = variables, Tools = tools, Steps = steps, Failure = failure };
        }
        catch
        {
            TreeCopy.Delete(scratch);
            throw;
        }
    }
}
