using System.Diagnostics.CodeAnalysis;

namespace Verbatim.Common.Verdicts;

/// <summary>The verdicts' names in records and reports: <c>reproducible</c>, <c>equivalent-after-normalization</c>, <c>not-reproducible</c>, <c>build-failed</c>.</summary>
public static class VerdictNames
{
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Reproducible => "reproducible",
        Verdict.EquivalentAfterNormalization => "equivalent-after-normalization",
        Verdict.NotReproducible => "not-reproducible",
        Verdict.BuildFailed => "build-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a verdict"),
    };

    public static bool TryParse([NotNullWhen(true)] string? name, out Verdict verdict)
    {
        foreach (var candidate in Enum.GetValues<Verdict>())
        {
            if (candidate.Name() == name)
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }
}
