using System.Globalization;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Compares the compile units of two files' DWARF: per unit, a differing DW_AT_producer (a ToolchainVersion cause
/// naming both), DW_AT_comp_dir or DW_AT_name (BuildPath causes), and a differing number of units.
/// </summary>
internal static class DwarfComparer
{
    /// <summary>The sections the compile unit attributes are read from.</summary>
    public static readonly string[] SectionNames = [".debug_info", ".debug_abbrev", ".debug_str", ".debug_line_str", ".debug_str_offsets"];

    private const int MaxFields = 200;

    public static DwarfSections? Load(ElfFile file)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var section in file.Sections)
        {
            var name = SectionData.LogicalName(section);
            if (SectionNames.Contains(name) && section.HasBytes && !found.ContainsKey(name))
            {
                found[name] = SectionData.Load(file, section);
            }
        }

        return found.TryGetValue(".debug_info", out var info)
            ? new DwarfSections(info, Get(".debug_abbrev"), Get(".debug_str"), Get(".debug_line_str"), Get(".debug_str_offsets"), file.Header.BigEndian)
            : null;

        byte[] Get(string name) => found.GetValueOrDefault(name) ?? [];
    }

    private static string FileName(string? path) => path is null ? "unnamed" : path[(path.LastIndexOf('/') + 1)..];

    public static List<Difference> Compare(string path1, string path2, IReadOnlyList<DwarfCompileUnit> left, IReadOnlyList<DwarfCompileUnit> right, SectionFindings findings)
    {
        var differences = new List<Difference>();
        var omitted = 0;
        if (left.Count != right.Count)
        {
            Add(Difference.ForField(path1, path2, "compile units", left.Count.ToString(CultureInfo.InvariantCulture), right.Count.ToString(CultureInfo.InvariantCulture)));
        }

        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var l = left[i];
            var r = right[i];
            var unit = $"compile unit {i + 1} ({FileName(l.Name ?? r.Name)})";
            if (l.Producer != r.Producer)
            {
                findings.Toolchain ??= (l.Producer ?? "(none)", r.Producer ?? "(none)", "DW_AT_producer");
                Add(Difference.ForField(path1, path2, $"{unit} producer", l.Producer, r.Producer,
                    new Cause(CauseKind.ToolchainVersion, "the compiler, its version or its options differ (DW_AT_producer)", l.Producer, r.Producer)));
            }

            if (l.CompDir != r.CompDir)
            {
                Add(Difference.ForField(path1, path2, $"{unit} comp_dir", l.CompDir, r.CompDir,
                    new Cause(CauseKind.BuildPath, "the build directory is recorded (DW_AT_comp_dir)", l.CompDir, r.CompDir)));
            }

            if (l.Name != r.Name)
            {
                var causes = BuildPaths.IsPrefixChange(l.Name, r.Name)
                    ? [new Cause(CauseKind.BuildPath, "the source file's path is recorded (DW_AT_name)", l.Name, r.Name)]
                    : ContentCauses.Classify(l.Name ?? "", r.Name ?? "").ToArray();
                Add(Difference.ForField(path1, path2, $"{unit} name", l.Name, r.Name, causes));
            }
        }

        if (omitted > 0)
        {
            differences.Add(new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Field, Field = "(more)", Comments = [$"{omitted} more differing compile unit attributes not shown"] });
        }

        return differences;

        void Add(Difference difference)
        {
            if (differences.Count < MaxFields)
            {
                differences.Add(difference);
            }
            else
            {
                omitted++;
            }
        }
    }
}
