using System.Globalization;
using System.Text;
using Verbatim.Check;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Reports;

namespace Verbatim.Cli.Output;

/// <summary>A check's result as text: the verdict, each variation applied or skipped, the controls, the culprits, and the difference tree.</summary>
public static class CheckText
{
    public static string Render(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var verdict = result.Verdict switch
        {
            Verdict.Reproducible => "reproducible",
            Verdict.BuildFailed => "the control build failed",
            _ => result.Flaky ? "not reproducible (flaky)" : "not reproducible",
        };
        if (result.Spec is { } spec)
        {
            Line(text, $"verbatim check: {spec.Ecosystem} {spec.Spec}: {verdict}");
            Line(text, $"recipe: inferred, {result.RecipeName} {result.RecipeVersion} (sha256:{spec.RecipeSha256}), built at {spec.BuildPath}");
        }
        else
        {
            Line(text, $"verbatim check: {result.RecipeName} {result.RecipeVersion}: {verdict}");
        }

        var applied = result.Variations.Count(v => v.Applied);
        Line(text, $"variations: {applied} applied, {result.Variations.Count - applied} skipped");
        var width = result.Variations.Select(v => v.Variation.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var use in result.Variations)
        {
            var name = use.Variation.Name.PadRight(width);
            Line(text, use.Applied ? $"  applied  {name}  {use.Variation.Description}" : $"  skipped  {name}  {use.SkipReason}");
        }

        if (result.ControlFailure is { } failure)
        {
            Line(text, $"control: {failure}");
            Line(text, "no experiment was run; the control build's last output:");
            foreach (var line in (result.ControlLogTail ?? "").Split('\n'))
            {
                Line(text, "  " + line);
            }

            return text.ToString();
        }

        Line(text, result.Flaky
            ? $"control: {result.DifferingRuns} of {result.Runs - 1} repeated control builds differ from the first (flaky: randomness or a race, not the environment)"
            : $"control: {result.Runs} builds, bit-identical");
        foreach (var key in result.FlakyDifferences)
        {
            Line(text, "  flaky: " + key);
        }

        if (result.ExperimentFailure is { } broke)
        {
            Line(text, "the experiment under every applied variation failed: " + broke);
        }

        if (result.Bisected)
        {
            Line(text, $"culprits ({result.Builds} builds in all):");
            foreach (var culprit in result.Culprits)
            {
                Line(text, $"  {string.Join(" + ", culprit.Variations)}: {culprit.Differences.Count} difference(s)");
                foreach (var key in culprit.Differences)
                {
                    Line(text, "    " + key);
                }
            }
        }
        else
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"builds: {result.Builds}"));
            foreach (var key in result.Differences)
            {
                Line(text, "  differs: " + key);
            }
        }

        if (result.Diff is { Identical: false } diff)
        {
            Line(text, "");
            Line(text, "control against the experiment under every applied variation:");
            text.Append(TextReport.Render(diff.Path1, diff.Path2, diff.Root, diff.Summary));
        }
        else if (result.FlakyDiff is { Identical: false } flaky)
        {
            Line(text, "");
            Line(text, "control against a repeated control build:");
            text.Append(TextReport.Render(flaky.Path1, flaky.Path2, flaky.Root, flaky.Summary));
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
