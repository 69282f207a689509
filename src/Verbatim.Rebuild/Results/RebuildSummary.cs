using System.Globalization;
using Verbatim.Common.Verdicts;

namespace Verbatim.Rebuild.Results;

/// <summary>The one-line summary of a rebuild: which verdict, over how many artifacts, and the first reason.</summary>
public static class RebuildSummary
{
    public static string Line(RebuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = result.Artifacts.Count;
        var matching = result.Artifacts.Count(a => a.Verdict == result.Verdict);
        var words = result.Verdict.Name().Replace('-', ' ');
        var head = string.Create(CultureInfo.InvariantCulture, $"{result.Ecosystem} {result.Spec}: {words}");
        return result.Verdict switch
        {
            Verdict.BuildFailed => $"{head}: {result.BuildFailure}",
            Verdict.Reproducible => string.Create(CultureInfo.InvariantCulture, $"{head}: {total} of {total} artifacts bit-for-bit identical"),
            Verdict.EquivalentAfterNormalization => string.Create(CultureInfo.InvariantCulture,
                $"{head} ({string.Join(", ", result.Artifacts.SelectMany(a => a.NormalizationIds).Distinct())}): {matching} of {total} artifacts identical only after normalization"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{head}: {matching} of {total} artifacts differ") + FirstReason(result),
        };
    }

    private static string FirstReason(RebuildResult result)
    {
        var first = result.Artifacts.FirstOrDefault(a => a.Verdict == Verdict.NotReproducible);
        if (first is null)
        {
            return "";
        }

        if (first.Note is { } note)
        {
            return $" ({first.Name}: {note})";
        }

        return first.DifferingMembers.Count > 0 ? $" ({first.Name}: {first.DifferingMembers[0]}" + (first.DifferingMembers.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" and {first.DifferingMembers.Count - 1} more)") : ")") : "";
    }
}
