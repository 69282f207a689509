using System.Text.Json.Nodes;
using Verbatim.Common.Json;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;

namespace Verbatim.Check.Reports;

/// <summary>
/// A check's report as JSON, schema <c>verbatim-check/1</c> (docs/check.md), written by <see cref="CanonicalJson"/>
/// (indented, keys sorted, no times or scratch paths), so the same check gives the same bytes.
/// </summary>
public static class CheckReportJson
{
    public const string Schema = "verbatim-check/1";

    public static void Write(Stream output, CheckResult result) => CanonicalJson.Write(output, Build(result), CanonicalJsonStyle.Indented);

    public static string Render(CheckResult result) => CanonicalJson.ToText(Build(result), CanonicalJsonStyle.Indented);

    private static JsonObject Build(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var variations = new JsonArray();
        foreach (var use in result.Variations)
        {
            var json = new JsonObject { ["name"] = use.Variation.Name, ["description"] = use.Variation.Description, ["applied"] = use.Applied };
            if (use.SkipReason is { } reason)
            {
                json["skip_reason"] = reason;
            }

            variations.Add((JsonNode)json);
        }

        var control = new JsonObject { ["runs"] = result.Runs, ["differing_runs"] = result.DifferingRuns };
        if (result.ControlFailure is { } failure)
        {
            control["failure"] = failure;
            control["log_tail"] = result.ControlLogTail ?? "";
        }

        var report = new JsonObject
        {
            ["schema"] = Schema,
            ["recipe"] = new JsonObject { ["name"] = result.RecipeName, ["version"] = result.RecipeVersion },
            ["verdict"] = result.Verdict.Name(),
            ["flaky"] = result.Flaky,
            ["variations"] = variations,
            ["control"] = control,
            ["builds"] = result.Builds,
            ["differences"] = Strings(result.Differences),
            ["flaky_differences"] = Strings(result.FlakyDifferences),
            ["bisected"] = result.Bisected,
            ["culprits"] = new JsonArray([.. result.Culprits.Select(c => (JsonNode)new JsonObject { ["variations"] = Strings(c.Variations), ["differences"] = Strings(c.Differences) })]),
        };
        if (result.Spec is { } spec)
        {
            report["spec"] = new JsonObject
            {
                ["ecosystem"] = spec.Ecosystem,
                ["spec"] = spec.Spec,
                ["recipe"] = spec.Recipe,
                ["recipe_sha256"] = spec.RecipeSha256,
                ["build_path"] = spec.BuildPath,
            };
        }

        if (result.ExperimentFailure is { } broke)
        {
            report["experiment_failure"] = broke;
        }

        if (result.Diff is { Identical: false } diff)
        {
            report["diff"] = Diff(diff);
        }

        if (result.FlakyDiff is { Identical: false } flaky)
        {
            report["flaky_diff"] = Diff(flaky);
        }

        return report;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>The comparison as a whole <c>verbatim-diff/1</c> document (docs/diff.md).</summary>
    private static JsonNode Diff(DiffResult diff) => JsonNode.Parse(JsonReport.Render(diff.Path1, diff.Path2, diff.Root, diff.Summary))!;
}
