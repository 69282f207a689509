using Verbatim.Archives.Zip;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A Java archive (<see cref="ZipFlavors.Jar"/>). The
/// manifest's <c>Created-By</c> and <c>Build-Jdk</c> lines name the JDK or tool that built it.
/// </summary>
public sealed class JarFormat() : ZipFamilyFormat(ZipFlavors.Jar)
{
    private static readonly string[] ToolchainHeaders = ["Created-By: ", "Build-Jdk: ", "Build-Jdk-Spec: "];

    public override IEnumerable<Difference> Explain(string containerPath, IReadOnlyList<Difference> differences) =>
        AddCause(containerPath, differences, name => name == "META-INF/MANIFEST.MF", ManifestToolchain);

    /// <summary>A toolchain cause when the manifest's changed lines include the JDK or tool that made the jar.</summary>
    private static Cause? ManifestToolchain(Difference manifest)
    {
        string? left = null, right = null;
        foreach (var text in manifest.Children.Where(c => c.UnifiedDiff is not null))
        {
            foreach (var line in text.UnifiedDiff!.Split('\n'))
            {
                if (line.Length > 1 && ToolchainHeaders.Any(h => line.AsSpan(1).StartsWith(h, StringComparison.Ordinal)))
                {
                    if (line[0] == '-')
                    {
                        left ??= line[1..].TrimEnd('\r');
                    }
                    else if (line[0] == '+')
                    {
                        right ??= line[1..].TrimEnd('\r');
                    }
                }
            }
        }

        return left is null && right is null
            ? null
            : new Cause(CauseKind.ToolchainVersion, "MANIFEST.MF records the JDK or build tool that made the jar (Created-By/Build-Jdk)", left, right);
    }
}
