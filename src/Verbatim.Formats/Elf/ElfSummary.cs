using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The file-level "why" of an ELF comparison. When only the build-id (and what derives from it) differs, the
/// difference lies in what the build-id hashes but the file does not ship; when the compiler identification differs
/// too, that is named with both versions. The causes go on a node for the files themselves, which the engine merges
/// into the ELF node.
/// </summary>
internal static class ElfSummary
{
    public const string BuildIdOnly =
        "the build-id differs while every other section is identical: the difference lies in what the build-id hashes but this file does not ship (toolchain identification, debug information)";

    public static IReadOnlyList<Difference> Wrap(Input left, Input right, List<Difference> differences, SectionFindings findings)
    {
        var causes = new List<Cause>();
        if (findings.BuildIds is { } ids)
        {
            if (!findings.OtherDifferences)
            {
                causes.Add(new Cause(CauseKind.BuildId, BuildIdOnly, ids.Left, ids.Right));
            }

            if (findings.Toolchain is { } tool)
            {
                causes.Add(new Cause(CauseKind.ToolchainVersion,
                    $"the build-id differs because the compiler differs: the build-id hashes code built by another compiler or version (see {tool.Where})", tool.Left, tool.Right));
            }
        }

        if (causes.Count == 0)
        {
            return differences;
        }

        return [new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Node, Format = "elf", Causes = causes, Children = differences }];
    }
}
