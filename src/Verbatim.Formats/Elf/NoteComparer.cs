using Verbatim.Core.Causes;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Compares the decoded notes of a note section pair: one field per differing note (build-id with a BuildId cause,
/// ABI tag, GNU properties, package metadata …), notes paired by owner, type and rank.
/// </summary>
internal static class NoteComparer
{
    public static List<Difference> Compare(string path1, string path2, IReadOnlyList<ElfNote> left, IReadOnlyList<ElfNote> right, SectionFindings findings)
    {
        var differences = new List<Difference>();
        var leftByKey = Rank(left);
        var rightByKey = Rank(right);
        foreach (var key in leftByKey.Keys.Concat(rightByKey.Keys).Distinct())
        {
            var l = leftByKey.GetValueOrDefault(key);
            var r = rightByKey.GetValueOrDefault(key);
            if (l is not null && r is not null && l.Value == r.Value)
            {
                continue;
            }

            var note = l ?? r!;
            if (note.IsBuildId && l is not null && r is not null)
            {
                findings.BuildIds ??= (l.Value, r.Value);
                differences.Add(Difference.ForField(path1, path2, "build-id", l.Value, r.Value,
                    new Cause(CauseKind.BuildId, "the GNU build-id differs: it is a hash the linker computes over the output, so it follows any other change", l.Value, r.Value)));
                continue;
            }

            findings.OtherDifferences = true;
            var causes = l is not null && r is not null ? ContentCauses.Classify(l.Value, r.Value).ToArray() : [];
            differences.Add(Difference.ForField(path1, path2, note.Label, l?.Value, r?.Value, causes));
        }

        return differences;
    }

    private static Dictionary<string, ElfNote> Rank(IReadOnlyList<ElfNote> notes)
    {
        var byKey = new Dictionary<string, ElfNote>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var note in notes)
        {
            var rank = seen[note.Key] = seen.GetValueOrDefault(note.Key) + 1;
            byKey[rank == 1 ? note.Key : $"{note.Key}#{rank}"] = note;
        }

        return byKey;
    }
}
