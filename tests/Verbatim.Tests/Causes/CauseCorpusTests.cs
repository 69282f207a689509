using System.Globalization;
using System.Text;
using Verbatim.Tests.Support;
using Xunit.Abstractions;

namespace Verbatim.Tests.Causes;

/// <summary>
/// Measures the causes on the labelled corpus (labels.json): real Debian package version pairs and pairs the tests
/// make. Every difference must be labelled; every cause kind Verbatim claims must be right at least 95% of the time;
/// build-ids, archive mtimes, gzip header times and date strings must be found at least 95% of the time.
/// The table is printed (run with <c>--logger "console;verbosity=detailed"</c>); set VERBATIM_CORPUS_DUMP=FILE to
/// write every labelled difference to FILE.
/// </summary>
public class CauseCorpusTests(ITestOutputHelper output)
{
    public const double PrecisionTarget = 0.95;

    public const double RecallTarget = 0.95;

    private static readonly string[] RecallTargets = ["build-id", "timestamp/archive-mtime", "timestamp/gzip-header", "timestamp/date-string"];

    [Fact]
    public async Task Causes_are_precise_and_the_build_causes_are_found()
    {
        var pairs = CauseCorpus.ReadLabels();
        using var dir = new TempDir();
        var units = await CauseCorpus.LabelAsync(pairs, dir.Path);
        if (Environment.GetEnvironmentVariable("VERBATIM_CORPUS_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, units.Select(u => $"{u.Pair}\t{u.Path}\t{u.Field}\t{string.Join(',', u.Predicted.Order(StringComparer.Ordinal))}\t{string.Join(',', u.Truth)}\t{u.Rule?.Why}"));
        }

        var unlabelled = units.Where(u => u.Rule is null).Take(20).Select(u => $"{u.Pair}: {u.Path} [{u.Field}]").ToList();
        Assert.True(unlabelled.Count == 0, "differences with no label:\n" + string.Join('\n', unlabelled));
        // A rule that names causes must match somewhere (rules shared by the Debian pairs need not match in each).
        var used = units.Where(u => u.Rule is not null).Select(u => RuleText(u.Rule!)).ToHashSet(StringComparer.Ordinal);
        var unused = pairs.SelectMany(p => p.Rules).Where(r => r.Causes.Count > 0 && !used.Contains(RuleText(r))).Select(RuleText).Distinct().ToList();
        Assert.True(unused.Count == 0, "labels that match no difference (the corpus changed?):\n" + string.Join('\n', unused));

        var rows = CauseCorpus.Score(units);
        output.WriteLine(CauseCorpus.Table(rows, units.Count, pairs.Count));
        output.WriteLine(Mistakes(units));

        foreach (var (kind, predicted, _, correct) in rows.Where(r => r.Predicted > 0))
        {
            Assert.True((double)correct / predicted >= PrecisionTarget, $"precision of {kind}: {correct}/{predicted}\n{Mistakes(units)}");
        }

        foreach (var target in RecallTargets)
        {
            var (_, _, labelled, correct) = rows.Single(r => r.Kind == target && (r.Predicted < 0 || !target.Contains('/')));
            Assert.True(labelled > 0, $"the corpus has no {target} difference");
            Assert.True((double)correct / labelled >= RecallTarget, $"recall of {target}: {correct}/{labelled}\n{Mistakes(units)}");
        }
    }

    private static string RuleText(LabelRule rule) => $"{rule.Path} [{rule.Field}]";

    /// <summary>The wrong and the missed causes, for reading when a figure drops.</summary>
    private static string Mistakes(IReadOnlyList<CorpusUnit> units)
    {
        var text = new StringBuilder();
        foreach (var unit in units)
        {
            var truth = unit.Truth.Select(CauseCorpus.Kind).ToHashSet(StringComparer.Ordinal);
            var wrong = unit.Predicted.Where(p => !truth.Contains(p)).ToList();
            var missed = truth.Where(t => !unit.Predicted.Contains(t)).ToList();
            if (wrong.Count > 0 || missed.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{unit.Pair}: {unit.Path} [{unit.Field}]: claimed {string.Join(',', unit.Predicted)}; labelled {string.Join(',', unit.Truth)}\n");
            }
        }

        return text.Length == 0 ? "no mistakes" : "mistakes:\n" + text;
    }
}
