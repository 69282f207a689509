using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verbatim.Core.Model;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Causes;

/// <summary>One rule of labels.json: the true causes of the differences whose path (and field) it matches.</summary>
/// <param name="Sides"><c>one</c>: only differences present on one side (an added file, a digest "(absent)" on the other); <c>both</c>: the others.</param>
public sealed record LabelRule(Regex Path, Regex? Field, string? Sides, IReadOnlyList<string> Causes, string Why)
{
    public bool Matches(CorpusUnit unit) =>
        Path.IsMatch(unit.Path) && (Field is null || Field.IsMatch(unit.Field ?? "")) && (Sides is null || (Sides == "one") == unit.OneSided);
}

/// <summary>A pair of the corpus: two versions of a Debian package, or a pair a generator makes.</summary>
public sealed record CorpusPair(string Name, string? Package, string? From, string? To, string? Generator, IReadOnlyList<LabelRule> Rules);

/// <summary>
/// One difference of the corpus: a node of the tree that is a leaf or carries causes, with its path below the pair's
/// root, the causes Verbatim gave (kind ids) and the true ones from labels.json (<c>timestamp/archive-mtime</c>: the
/// kind, then what sort of it, for recall by sort).
/// </summary>
public sealed record CorpusUnit(string Pair, string Path, string? Field, bool OneSided, IReadOnlySet<string> Predicted)
{
    public IReadOnlyList<string> Truth { get; set; } = [];

    public LabelRule? Rule { get; set; }
}

/// <summary>The labelled corpus: reads labels.json, makes or fetches the pairs, diffs them and labels each difference.</summary>
public static class CauseCorpus
{
    public static string LabelsPath => System.IO.Path.Combine(BuildSupport.RepositoryRoot, "tests", "Verbatim.Tests", "Causes", "Corpus", "labels.json");

    public static IReadOnlyList<CorpusPair> ReadLabels()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(LabelsPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var pairs = new List<CorpusPair>();
        foreach (var pair in json.RootElement.GetProperty("pairs").EnumerateArray())
        {
            var rules = pair.GetProperty("labels").EnumerateArray().Select(r => new LabelRule(
                new Regex(r.GetProperty("path").GetString()!, RegexOptions.CultureInvariant),
                r.TryGetProperty("field", out var f) ? new Regex(f.GetString()!, RegexOptions.CultureInvariant) : null,
                r.TryGetProperty("sides", out var sides) ? sides.GetString() : null,
                [.. r.GetProperty("causes").EnumerateArray().Select(c => c.GetString()!)],
                r.TryGetProperty("why", out var w) ? w.GetString()! : "")).ToList();
            string? Get(string name) => pair.TryGetProperty(name, out var v) ? v.GetString() : null;
            pairs.Add(new CorpusPair(Get("name")!, Get("package"), Get("from"), Get("to"), Get("generator"), rules));
        }

        return pairs;
    }

    /// <summary>Diffs every pair (two at a time) and returns its labelled differences, in the pairs' order.</summary>
    public static async Task<List<CorpusUnit>> LabelAsync(IReadOnlyList<CorpusPair> pairs, string scratch)
    {
        var perPair = new List<CorpusUnit>[pairs.Count];
        await Parallel.ForAsync(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            perPair[i] = await LabelAsync(pairs[i], scratch).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return [.. perPair.SelectMany(u => u)];
    }

    private static async Task<List<CorpusUnit>> LabelAsync(CorpusPair pair, string scratch)
    {
        string a, b;
        if (pair.Package is not null)
        {
            a = await DebianPackages.FetchAsync(pair.Package, pair.From!).ConfigureAwait(false);
            b = await DebianPackages.FetchAsync(pair.Package, pair.To!).ConfigureAwait(false);
        }
        else
        {
            (a, b) = GeneratedPairs.Make(pair.Generator!, System.IO.Path.Combine(scratch, pair.Name));
        }

        var result = Diff.Run(a, b);
        var units = Units(pair.Name, result.Path1, result.Path2, result.Root).ToList();
        foreach (var unit in units)
        {
            unit.Rule = pair.Rules.FirstOrDefault(r => r.Matches(unit));
            unit.Truth = unit.Rule?.Causes ?? [];
        }

        return units;
    }

    private static IEnumerable<CorpusUnit> Units(string pair, string root1, string root2, Difference? root)
    {
        foreach (var node in root.All())
        {
            if (node.Children.Count > 0 && node.Causes.Count == 0)
            {
                continue;
            }

            var path = node.Path1.Length > 0 ? Relative(node.Path1, root1) : Relative(node.Path2, root2);
            var oneSided = node.Kind is DifferenceKind.Added or DifferenceKind.Removed ||
                           (node.Kind == DifferenceKind.Field && (Absent(node.Left) || Absent(node.Right)));
            yield return new CorpusUnit(pair, path, node.Field, oneSided, node.Causes.Select(c => c.Kind.Id()).ToHashSet(StringComparer.Ordinal));
        }

        static bool Absent(string? value) => value is null or "(absent)" or "(none)";

        static string Relative(string path, string root) => path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path;
    }

    /// <summary>Precision and recall per cause kind, and recall per labelled sort of a kind (<c>timestamp/gzip-header</c>).</summary>
    public static List<(string Kind, int Predicted, int Labelled, int Correct)> Score(IReadOnlyList<CorpusUnit> units)
    {
        var kinds = Enum.GetValues<CauseKind>().Select(k => k.Id()).ToList();
        var rows = new List<(string, int, int, int)>();
        foreach (var kind in kinds)
        {
            var predicted = units.Count(u => u.Predicted.Contains(kind));
            var labelled = units.Count(u => u.Truth.Any(t => Kind(t) == kind));
            var correct = units.Count(u => u.Predicted.Contains(kind) && u.Truth.Any(t => Kind(t) == kind));
            rows.Add((kind, predicted, labelled, correct));
        }

        foreach (var sort in units.SelectMany(u => u.Truth).Where(t => t.Contains('/')).Distinct().Order(StringComparer.Ordinal))
        {
            var labelled = units.Count(u => u.Truth.Contains(sort));
            var correct = units.Count(u => u.Truth.Contains(sort) && u.Predicted.Contains(Kind(sort)));
            rows.Add((sort, -1, labelled, correct));
        }

        return rows;
    }

    public static string Kind(string label) => label.Split('/')[0];

    public static string Table(IReadOnlyList<(string Kind, int Predicted, int Labelled, int Correct)> rows, int units, int pairs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{units} labelled differences in {pairs} pairs\n\n");
        text.Append("| cause | claimed | labelled | correct | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var (kind, predicted, labelled, correct) in rows)
        {
            var precision = predicted < 0 ? "" : predicted == 0 ? "–" : Ratio(correct, predicted);
            var recall = labelled == 0 ? "–" : Ratio(correct, labelled);
            text.Append(CultureInfo.InvariantCulture, $"| {kind} | {(predicted < 0 ? "" : predicted.ToString(CultureInfo.InvariantCulture))} | {labelled} | {correct} | {precision} | {recall} |\n");
        }

        return text.ToString();

        static string Ratio(int a, int b) => ((double)a / b).ToString("0.000", CultureInfo.InvariantCulture);
    }
}
