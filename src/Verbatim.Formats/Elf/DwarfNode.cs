using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The <c>.debug_info</c> node of an ELF comparison: the compile unit attributes that differ, or, when they are all
/// equal or cannot be read, the differing bytes of <c>.debug_info</c>; null when nothing differs there.
/// </summary>
internal static class DwarfNode
{
    public static Difference? Compare(ElfFile a, ElfFile b, Input left, Input right, ComparisonContext context, SectionFindings findings)
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
                if (children.Count == 0 && !da.Info.AsSpan().SequenceEqual(db.Info))
                {
                    children.Add(BinaryComparer.Compare(new Input(path1, new MemoryContent(da.Info)), new Input(path2, new MemoryContent(db.Info)), context));
                }
            }
            else if (da is not null || db is not null)
            {
                children.Add(Difference.ForField(path1, path2, "debug information", da is null ? "(absent)" : "present", db is null ? "(absent)" : "present"));
            }
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException or NotSupportedException)
        {
            comments.Add($"compile units not decoded ({e.Message}); compared as bytes");
            var l = a.Sections.FirstOrDefault(s => SectionData.LogicalName(s) == ".debug_info" && s.HasBytes);
            var r = b.Sections.FirstOrDefault(s => SectionData.LogicalName(s) == ".debug_info" && s.HasBytes);
            if (l is not null && r is not null)
            {
                children.Add(BinaryComparer.Compare(
                    new Input(path1, new SliceContent(a.Content, (long)l.Offset, (long)l.Size)),
                    new Input(path2, new SliceContent(b.Content, (long)r.Offset, (long)r.Size)),
                    context));
            }
        }

        if (children.Count == 0 && comments.Count == 0)
        {
            return null;
        }

        findings.OtherDifferences = true;
        return new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = "dwarf", Comments = comments, Children = children };
    }
}
