using System.Globalization;
using Verbatim.Common.Digests;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Model;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Normalize.Engine;
using Verbatim.Rebuild.Results;

namespace Verbatim.Rebuild.Comparison;

/// <summary>
/// The verdict for one pair: identical bytes are <em>reproducible</em>; else both are normalized (copies, with
/// <c>verbatim normalize</c>'s default normalizations and the build's SOURCE_DATE_EPOCH as reference time) and equal
/// copies are <em>equivalent after normalization</em> with the ids applied; else the diff engine explains the
/// originals' differences (<em>not reproducible</em>, with the differing members and causes).
/// </summary>
public static class ArtifactComparer
{
    /// <summary>How many differing members a verdict names.</summary>
    public const int MaxMembers = 20;

    public static async Task<ArtifactVerdict> CompareAsync(string name, string rebuilt, string reference, long referenceTime, string scratch, CancellationToken cancellationToken)
    {
        var rebuiltDigest = Sha256Digest.OfFile(rebuilt).Hex;
        var referenceDigest = Sha256Digest.OfFile(reference).Hex;
        var verdict = new ArtifactVerdict(name, Verdict.Reproducible, referenceDigest, rebuiltDigest) { RebuiltPath = rebuilt, ReferencePath = reference };
        if (rebuiltDigest == referenceDigest)
        {
            return verdict;
        }

        var ids = Normalized(name, rebuilt, reference, referenceTime, scratch, cancellationToken);
        if (ids is not null)
        {
            return verdict with { Verdict = Verdict.EquivalentAfterNormalization, NormalizationIds = ids };
        }

        var result = await new DiffEngine(FormatRegistry.Default, new DiffOptions()).CompareAsync(reference, rebuilt, cancellationToken).ConfigureAwait(false);
        if (result.Root is null)
        {
            // The engine found no difference in bytes that differ in digest: cannot happen, but never call it reproducible.
            return verdict with { Verdict = Verdict.NotReproducible, Note = "the digests differ but the diff engine found no difference" };
        }

        return verdict with
        {
            Verdict = Verdict.NotReproducible,
            DifferingMembers = Members(result.Root, reference, rebuilt),
            Causes = [.. result.Summary.Causes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Kind.Id()} ×{c.Count}"))],
            Tree = result.Root,
            DiffReport = JsonReport.Render(result.Path1, result.Path2, result.Root, result.Summary),
        };
    }

    /// <summary>The normalization ids that made normalized copies equal, or null when they still differ (or cannot be normalized).</summary>
    private static List<string>? Normalized(string name, string rebuilt, string reference, long referenceTime, string scratch, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(scratch, "normalized-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var normalizer = new FileNormalizer(NormalizerRegistry.Default, new NormalizeOptions { ReferenceTime = referenceTime });
            var leafName = Path.GetFileName(name);
            var left = Path.Combine(directory, "rebuilt-" + leafName);
            var right = Path.Combine(directory, "reference-" + leafName);
            var a = normalizer.Run(rebuilt, left, check: false, cancellationToken);
            var b = normalizer.Run(reference, right, check: false, cancellationToken);
            if (a.Status == NormalizeStatus.Failed || b.Status == NormalizeStatus.Failed || !File.Exists(left) || !File.Exists(right))
            {
                return null;
            }

            if (Sha256Digest.OfFile(left) != Sha256Digest.OfFile(right))
            {
                return null;
            }

            // The normalizations that made a difference: changes made to one side only (the same change to both changed nothing between them).
            var leftChanges = a.Changes.Select(Key).ToHashSet(StringComparer.Ordinal);
            var rightChanges = b.Changes.Select(Key).ToHashSet(StringComparer.Ordinal);
            var onlyOne = a.Changes.Where(c => !rightChanges.Contains(Key(c))).Concat(b.Changes.Where(c => !leftChanges.Contains(Key(c))));
            var ids = onlyOne.Select(c => c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                ids = [.. a.Changes.Concat(b.Changes).Select(c => c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }

            return ids.Count > 0 ? ids : ["canonical-encoding"];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Key(Change change) => string.Join('\0', change.Id, change.Member, change.Field, change.From ?? "", change.To ?? "");

    /// <summary>The paths (inside the artifacts, without the top-level file's path) of the nodes that hold differences directly.</summary>
    internal static IReadOnlyList<string> Members(Difference root, string path1, string path2)
    {
        var found = new List<string>();
        var stack = new Stack<Difference>();
        stack.Push(root);
        while (stack.Count > 0 && found.Count < MaxMembers)
        {
            var node = stack.Pop();
            var holdsLeaves = node.Children.Count == 0 || node.Children.Any(c => c.Children.Count == 0);
            if (holdsLeaves && node.Kind == DifferenceKind.Node)
            {
                var member = Strip(node.Path1, path1);
                if (!found.Contains(member))
                {
                    found.Add(member);
                }
            }

            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }

        return found;

        static string Strip(string path, string top) =>
            path == top ? "(the file itself)" : path.StartsWith(top + "::", StringComparison.Ordinal) ? path[(top.Length + 2)..] : path;
    }
}
