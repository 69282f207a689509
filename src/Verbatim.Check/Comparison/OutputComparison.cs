using Verbatim.Check.Builds;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Check.Comparison;

/// <summary>
/// The declared outputs of one build compared with the control's by the diff engine: the difference tree (with its
/// causes) and the difference's keys — one per leaf of the tree, named by its path among the outputs and its field — which
/// is what the bisection asks of each probe ("does this difference still appear?").
/// </summary>
public sealed record OutputComparison(DiffResult? Diff, IReadOnlySet<string> Keys)
{
    /// <summary>The key of a build that failed, so nothing could be compared.</summary>
    public const string BuildFailedKey = "(the build failed)";

    public bool Identical => Keys.Count == 0;

    public static async Task<OutputComparison> CompareAsync(BuildOutcome control, BuildOutcome other, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(other);
        if (!other.Succeeded)
        {
            return new OutputComparison(null, new SortedSet<string>(StringComparer.Ordinal) { BuildFailedKey });
        }

        var engine = new DiffEngine(FormatRegistry.Default, new DiffOptions { Parallelism = Math.Max(1, parallelism) });
        var names = Files(control.OutDir).Union(Files(other.OutDir), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var children = new List<Difference>();
        foreach (var name in names)
        {
            var left = Path.Combine(control.OutDir, name);
            var right = Path.Combine(other.OutDir, name);
            if (File.Exists(left) && File.Exists(right))
            {
                // File against file: the artifact's bytes (and what they hold), not the collected copy's mode or times.
                if ((await engine.CompareAsync(left, right, cancellationToken).ConfigureAwait(false)).Root is { } found)
                {
                    children.Add(found);
                }
            }
            else
            {
                children.Add(Difference.ForField(left, right, "presence", File.Exists(left) ? "made" : "not made", File.Exists(right) ? "made" : "not made"));
            }
        }

        var diff = new DiffResult(control.OutDir, other.OutDir, children.Count == 0 ? null : new Difference
        {
            Path1 = control.OutDir,
            Path2 = other.OutDir,
            Kind = DifferenceKind.Node,
            Children = children,
        });
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (diff.Root is { } root)
        {
            var stack = new Stack<Difference>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node.Children.Count == 0)
                {
                    keys.Add(Key(node, diff.Path1, diff.Path2));
                }

                foreach (var child in node.Children)
                {
                    stack.Push(child);
                }
            }
        }

        return new OutputComparison(diff, keys);
    }

    private static IEnumerable<string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Select(f => Path.GetRelativePath(root, f))
            : [];

    /// <summary>
    /// A leaf's key: its path below the outputs folder, and the field when it is one (<c>dist/a.whl/x.so · mode</c>); the
    /// control's side names it, except for a member only the other build made, which only its own side can name.
    /// </summary>
    private static string Key(Difference leaf, string controlRoot, string otherRoot)
    {
        var (full, root) = leaf.Kind == DifferenceKind.Added ? (leaf.Path2, otherRoot) : (leaf.Path1, controlRoot);
        var path = full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..].TrimStart('/') : full;
        if (path.Length == 0)
        {
            path = ".";
        }

        return leaf.Field is { } field ? $"{path} · {field}" : path;
    }
}
