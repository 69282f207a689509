namespace Verbatim.Formats.Elf;

/// <summary>
/// Pairs the sections of two files by name and rank (the n-th section of a name with the n-th; <c>.zdebug_x</c> is
/// <c>.debug_x</c>): in the first side's order, then sections only in the second.
/// </summary>
internal static class SectionPairs
{
    public static List<(ElfSection? Left, ElfSection? Right)> Match(IReadOnlyList<ElfSection> left, IReadOnlyList<ElfSection> right)
    {
        var rightByKey = new Dictionary<(string, int), ElfSection>();
        foreach (var (section, rank) in Ranked(right))
        {
            rightByKey[(SectionData.LogicalName(section), rank)] = section;
        }

        var pairs = new List<(ElfSection?, ElfSection?)>();
        var used = new HashSet<(string, int)>();
        foreach (var (section, rank) in Ranked(left))
        {
            if (section.Index == 0 && section.Type == ElfSection.Null)
            {
                continue;
            }

            used.Add((SectionData.LogicalName(section), rank));
            pairs.Add((section, rightByKey.GetValueOrDefault((SectionData.LogicalName(section), rank))));
        }

        foreach (var (section, rank) in Ranked(right))
        {
            if (!used.Contains((SectionData.LogicalName(section), rank)) && !(section.Index == 0 && section.Type == ElfSection.Null))
            {
                pairs.Add((null, section));
            }
        }

        return pairs;
    }

    private static IEnumerable<(ElfSection Section, int Rank)> Ranked(IReadOnlyList<ElfSection> sections)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var name = SectionData.LogicalName(section);
            var rank = seen[name] = seen.GetValueOrDefault(name) + 1;
            yield return (section, rank);
        }
    }
}
