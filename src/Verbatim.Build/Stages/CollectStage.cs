using Verbatim.Build.Outputs;
using Verbatim.Common.Records;

namespace Verbatim.Build.Stages;

/// <summary>The third stage: copy the recipe's declared outputs out of a successful build's workspace into the output directory and hash them.</summary>
public static class CollectStage
{
    /// <exception cref="BuildException">The build failed, a pattern matched nothing, or an output is refused (see <see cref="OutputCollector"/>).</exception>
    public static IReadOnlyList<OutputSubject> Collect(ExecutedBuild executed, string outDir)
    {
        ArgumentNullException.ThrowIfNull(executed);
        executed.ThrowIfFailed();
        Directory.CreateDirectory(outDir);
        return OutputCollector.Collect(executed.Workspace, executed.Prepared.Recipe.Outputs, outDir);
    }
}
