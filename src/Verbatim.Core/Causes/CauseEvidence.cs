using System.Globalization;
using System.Text.RegularExpressions;
using Verbatim.Core.Model;

namespace Verbatim.Core.Causes;

/// <summary>
/// Settles the candidate causes that need corroboration once the whole pair has been compared. A candidate time read
/// from bytes (<see cref="Cause.Unconfirmed"/>) is kept only where its two values differ by exactly as much as two
/// clock readings the formats themselves report elsewhere in the pair (an archive mtime, a gzip header time, a PE
/// stamp), within a second, or where both values are such readings; otherwise it is dropped. Run once on the final
/// tree, so that the result does not depend on the order members were compared in.
/// </summary>
public static partial class CauseEvidence
{
    public static Difference? Resolve(Difference? root)
    {
        if (root is null || !HasUnconfirmed(root))
        {
            return root;
        }

        var readings = new Readings();
        Collect(root, readings);
        return Settle(root, readings);
    }

    private sealed class Readings
    {
        public HashSet<long> Deltas { get; } = [];

        public HashSet<long> Left { get; } = [];

        public HashSet<long> Right { get; } = [];

        public bool Supports(long left, long right) =>
            (Left.Contains(left) && Right.Contains(right)) || Deltas.Contains(right - left) || Deltas.Contains(right - left - 1) || Deltas.Contains(right - left + 1);
    }

    private static bool HasUnconfirmed(Difference node)
    {
        var stack = new Stack<Difference>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Causes.Any(c => c.Unconfirmed))
            {
                return true;
            }

            foreach (var child in n.Children)
            {
                stack.Push(child);
            }
        }

        return false;
    }

    private static void Collect(Difference root, Readings readings)
    {
        var stack = new Stack<Difference>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var cause in n.Causes)
            {
                if (cause.Kind == CauseKind.Timestamp && !cause.Unconfirmed && Reading(cause) is var (l, r) && l != r)
                {
                    readings.Deltas.Add(r - l);
                    readings.Left.Add(l);
                    readings.Right.Add(r);
                }
            }

            foreach (var child in n.Children)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The Unix times a confirmed timestamp cause names, as decoded by <see cref="Timestamps.Describe(long)"/>.</summary>
    private static (long, long)? Reading(Cause cause)
    {
        if (cause.Seconds is { } seconds)
        {
            return seconds;
        }

        return cause.Left is not null && cause.Right is not null && SecondsRegex().Match(cause.Left) is { Success: true } l && SecondsRegex().Match(cause.Right) is { Success: true } r
            ? (long.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static Difference Settle(Difference node, Readings readings)
    {
        var children = node.Children;
        var changed = false;
        if (children.Count > 0)
        {
            var settled = new Difference[children.Count];
            for (var i = 0; i < children.Count; i++)
            {
                settled[i] = Settle(children[i], readings);
                changed |= !ReferenceEquals(settled[i], children[i]);
            }

            children = settled;
        }

        if (!node.Causes.Any(c => c.Unconfirmed))
        {
            return changed ? node with { Children = children } : node;
        }

        var causes = new List<Cause>();
        foreach (var cause in node.Causes)
        {
            if (!cause.Unconfirmed)
            {
                ContentCauses.Merge(causes, [cause]);
            }
            else if (cause.Seconds is var (l, r) && readings.Supports(l, r))
            {
                ContentCauses.Merge(causes, [cause with { Unconfirmed = false }]);
            }
        }

        return node with { Children = children, Causes = causes };
    }

    [GeneratedRegex(@"\((-?[0-9]+)\)$")]
    private static partial Regex SecondsRegex();
}
