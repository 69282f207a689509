using Verbatim.Common.Digests;
using Verbatim.Common.Identity;
using Verbatim.Common.Records;

namespace Verbatim.Build.Stages;

/// <summary>The fourth stage: the build record of what was used and made, and its <c>buildinfo.json</c>.</summary>
public static class RecordStage
{
    public static BuildRecord Create(ExecutedBuild executed, IReadOnlyList<OutputSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(executed);
        var prepared = executed.Prepared;
        var recipe = prepared.Recipe;
        var environment = prepared.Environment;
        return new BuildRecord
        {
            BuilderId = BuildRunner.BuilderId,
            RecipeName = recipe.Name,
            RecipeVersion = recipe.Version,
            RecipeFile = Path.GetFileName(recipe.File),
            RecipeSha256 = Sha256Digest.Parse(recipe.Digest),
            Inputs = [.. prepared.Inputs.Select(i => new InputRecord(i.Input.Name, i.Input.Kind, i.Input.Path ?? i.Input.Url ?? i.Input.Git!, i.Input.Commit, Sha256Digest.Parse(i.Sha256), i.Destination, i.IsDirectory))],
            Environment = new EnvironmentRecord(environment.IsHost ? "host" : "rootfs", environment.Digest is { } d ? Sha256Digest.Parse(d) : null, environment.Packages, environment.Mounts),
            Tools = executed.Tools,
            EnvironmentVariables = executed.Variables,
            SourceDateEpoch = prepared.SourceDateEpoch,
            Steps = [.. recipe.Steps.Select(s => new StepRecord(s.Name, s.Run, (long)(s.Timeout ?? recipe.Limits.StepTimeout).TotalSeconds, s.Env))],
            OutputPatterns = recipe.Outputs,
            Subjects = subjects,
            Limits = new LimitsRecord((long)recipe.Limits.StepTimeout.TotalSeconds, recipe.Limits.Processes, recipe.Limits.OutputBytes),
            Identity = executed.Identity.Identity == BuildIdentity.Default ? null : executed.Identity.Identity,
        };
    }

    /// <summary>Writes <c>OUTDIR/buildinfo.json</c> and returns its path.</summary>
    public static string Write(BuildRecord record, string outDir)
    {
        var path = Path.Combine(outDir, BuildRecordJson.FileName);
        BuildRecordJson.Write(record, path);
        return path;
    }
}
