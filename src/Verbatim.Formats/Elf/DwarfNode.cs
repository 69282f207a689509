using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The <c>.debug_info</c> node of an ELF comparison: the compile unit attributes that differ; when they are all equal
/// or cannot be read, the section compared as <see cref="SectionComparer"/> does (compression, bytes); null when
/// nothing differs there.
/// </summary>
internal static class DwarfNode
{
    public static Difference? Compare(ElfFile a, ElfFile b, (ElfSection Left, ElfSection Right)? info, Input left, Input right, ComparisonContext context, SectionFindings findings)
    {
        var path1 = $"{left.Path}::.debug_info";
        var path2 = $"{right.Path}::.debug_info";
        var comments = new List<string>();
        var children = new List<Difference>();
        try
        {
            var da = DwarfComparer.Load(a);
            var db = DwarfComparer.Load(b);
            if (da is not null && db is not null)
            {
                var ua = DwarfUnits.Read(da, context.CancellationToken);
                var ub = DwarfUnits.Read(db, context.CancellationToken);
                children.AddRange(DwarfComparer.Compare(path1, path2, ua, ub, findings));
            }
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException or NotSupportedException)
        {
            comments.Add($"compile units not decoded ({e.Message})");
        }

        if (children.Count == 0)
        {
            if (info is not { } pair)
            {
                return null;
            }

            var section = SectionComparer.Compare(a, b, pair.Left, pair.Right, left, right, context, findings);
            return section with { Comments = [.. comments, .. section.Comments] };
        }

        findings.OtherDifferences = true;
        return new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = "dwarf", Comments = comments, Children = children };
    }
}
