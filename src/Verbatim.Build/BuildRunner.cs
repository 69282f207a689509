using System.Reflection;
using Verbatim.Build.Recipes;
using Verbatim.Build.Stages;

namespace Verbatim.Build;

/// <summary>
/// <c>verbatim build</c>: the stages in order — prepare (verify every input), execute (each step in a fresh sandbox over
/// one workspace, under <see cref="BuildOptions.Identity"/>), collect the outputs, record (<c>buildinfo.json</c>) and
/// sign (provenance, when a key is given). Callers that need another order (a build done twice from one preparation)
/// call the stages themselves.
/// </summary>
public static class BuildRunner
{
    public static string Version =>
        typeof(BuildRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string BuilderId => "verbatim-local/" + Version;

    /// <exception cref="BuildException">The build stopped: an input mismatch, a failing step, a refused output, an identity that cannot be applied.</exception>
    public static async Task<BuildResult> BuildAsync(Recipe recipe, BuildOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var ownHttp = options.Http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(10) } : null;
        var prepared = await PrepareStage.PrepareAsync(recipe, options.Store, options.Http ?? ownHttp!, options.Progress, cancellationToken).ConfigureAwait(false);
        using var executed = await ExecuteStage.ExecuteAsync(prepared, options.Identity, options.ScratchRoot, options.Progress, cancellationToken).ConfigureAwait(false);
        var subjects = CollectStage.Collect(executed, options.OutDir);
        var record = RecordStage.Create(executed, subjects);
        RecordStage.Write(record, options.OutDir);
        var provenance = SignStage.Sign(record, options.Signer, options.OutDir);
        if (!provenance.Signed)
        {
            options.Progress?.Invoke(new BuildEvent(BuildEventKind.Notice, "no signing key given: provenance.dsse.json not written"));
        }

        return new BuildResult(record, executed.Steps, provenance);
    }
}
