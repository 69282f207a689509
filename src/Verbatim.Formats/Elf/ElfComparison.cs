using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Compares two ELF files: header fields, the program header and section tables as listings, then each pair of
/// sections (matched by name and rank) whose bytes differ, and the DWARF compile units; finally the file-level
/// "why" (<see cref="ElfSummary"/>). Section bytes are compared before anything is decoded or rendered.
/// </summary>
internal static class ElfComparison
{
    private const string Format = "elf";

    public static IReadOnlyList<Difference> Compare(Input left, Input right, ComparisonContext context)
    {
        using var a = ElfFile.Read(left.Content);
        using var b = ElfFile.Read(right.Content);
        var findings = new SectionFindings();
        var differences = new List<Difference>();

        var fieldsA = ElfListings.HeaderFields(a.Header);
        var fieldsB = ElfListings.HeaderFields(b.Header);
        for (var i = 0; i < fieldsA.Count; i++)
        {
            if (fieldsA[i].Value != fieldsB[i].Value)
            {
                differences.Add(Difference.ForField(left.Path, right.Path, $"ELF header {fieldsA[i].Name}", fieldsA[i].Value, fieldsB[i].Value) with { Format = Format });
            }
        }

        AddListing(ElfListings.ProgramHeaders(a), ElfListings.ProgramHeaders(b), "program headers");
        AddListing(ElfListings.SectionTable(a), ElfListings.SectionTable(b), "section table");
        findings.OtherDifferences = differences.Count > 0;

        var pairs = SectionPairs.Match(a.Sections, b.Sections);
        var differing = new HashSet<int>();
        foreach (var (l, r) in pairs)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (l is not null && r is not null && !SameBytes(a, b, l, r, context))
            {
                differing.Add(l.Index);
            }
        }

        var dwarfAt = -1;
        (ElfSection, ElfSection)? info = null;
        foreach (var (l, r) in pairs)
        {
            if (l is null || r is null)
            {
                findings.OtherDifferences = true;
                differences.Add(OneSided(l, r, left, right));
                continue;
            }

            // Symbols and dynamic entries name strings of their linked table: a change there changes them too.
            var namesDiffer = l.Type is ElfSection.SymTab or ElfSection.DynSym or ElfSection.Dynamic && differing.Contains((int)l.Link);
            if (!differing.Contains(l.Index) && !namesDiffer)
            {
                continue;
            }

            var name = SectionData.LogicalName(l);
            if (DwarfComparer.SectionNames.Contains(name))
            {
                dwarfAt = dwarfAt < 0 ? differences.Count : dwarfAt;
                if (name == ".debug_info")
                {
                    info = (l, r);
                    continue;
                }
            }

            differences.Add(SectionComparer.Compare(a, b, l, r, left, right, context, findings));
        }

        if (dwarfAt >= 0 && DwarfNode.Compare(a, b, info, left, right, context, findings) is { } dwarf)
        {
            differences.Insert(dwarfAt, dwarf);
        }

        return ElfSummary.Wrap(left, right, differences, findings);

        void AddListing(string l, string r, string label)
        {
            if (ListingDiff.Compare(left.Path, right.Path, label, l, r, context, Format) is { } text)
            {
                differences.Add(text);
            }
        }
    }

    private static bool SameBytes(ElfFile a, ElfFile b, ElfSection l, ElfSection r, ComparisonContext context)
    {
        if (!l.HasBytes || !r.HasBytes)
        {
            return l.HasBytes == r.HasBytes;
        }

        return l.Size == r.Size && ElfFile.RangesEqual(a, (long)l.Offset, b, (long)r.Offset, (long)l.Size, context.CancellationToken);
    }

    private static Difference OneSided(ElfSection? l, ElfSection? r, Input left, Input right)
    {
        var section = l ?? r!;
        var description = $"{ElfNames.SectionType(section.Type)}, {section.Size} bytes";
        return new Difference
        {
            Path1 = $"{left.Path}::{section.Name}",
            Path2 = $"{right.Path}::{section.Name}",
            Kind = l is null ? DifferenceKind.Added : DifferenceKind.Removed,
            Format = Format,
            Left = l is null ? null : description,
            Right = r is null ? null : description,
        };
    }
}
