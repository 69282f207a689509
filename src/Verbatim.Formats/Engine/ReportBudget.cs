using Verbatim.Core.Model;

namespace Verbatim.Formats.Engine;

/// <summary>
/// Counts the bytes put in the report (diff text, hex, and the nodes for differing members) against
/// <see cref="DiffOptions.MaxReportBytes"/>, so that the report, and the memory holding it, stay bounded whatever
/// the inputs hold.
/// </summary>
public sealed class ReportBudget(long maxBytes)
{
    /// <summary>What one node costs besides its strings: the keys, quotes and indentation around it in a report.</summary>
    private const int NodeOverhead = 200;

    private const int CauseOverhead = 100;

    /// <summary>The nodes charged so far (the report's nodes: bounded by the budget itself).</summary>
    private readonly HashSet<Difference> charged = new(ReferenceEqualityComparer.Instance);

    private long used;

    public bool Exhausted => Interlocked.Read(ref used) >= maxBytes;

    /// <summary>Charges <paramref name="bytes"/>; false (and nothing charged) when they do not fit.</summary>
    public bool TryCharge(long bytes)
    {
        if (Interlocked.Add(ref used, bytes) <= maxBytes)
        {
            return true;
        }

        Interlocked.Add(ref used, -bytes);
        Interlocked.Exchange(ref used, maxBytes);
        return false;
    }

    /// <summary>
    /// Charges a node about to be added to the tree, with every node below it not charged before (the fields, causes
    /// and comments a format put there; diff text and hex are charged when they are made). False when it does not fit.
    /// </summary>
    public bool TryChargeTree(Difference node)
    {
        long bytes = 0;
        var stack = new Stack<Difference>();
        stack.Push(node);
        lock (charged)
        {
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (!charged.Add(current))
                {
                    continue;
                }

                bytes += Cost(current);
                foreach (var child in current.Children)
                {
                    stack.Push(child);
                }
            }
        }

        return TryCharge(bytes);
    }

    /// <summary>About what a node costs in the JSON report, the largest of the three, without its diff text and hex.</summary>
    private static long Cost(Difference node)
    {
        long bytes = NodeOverhead + node.Path1.Length + node.Path2.Length + (node.Left?.Length ?? 0) + (node.Right?.Length ?? 0) + (node.Field?.Length ?? 0) + (node.Format?.Length ?? 0);
        foreach (var comment in node.Comments)
        {
            bytes += comment.Length + 8;
        }

        foreach (var cause in node.Causes)
        {
            bytes += CauseOverhead + cause.Explanation.Length + (cause.Left?.Length ?? 0) + (cause.Right?.Length ?? 0);
        }

        return bytes;
    }
}
