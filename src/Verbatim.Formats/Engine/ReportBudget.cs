using Verbatim.Core.Model;

namespace Verbatim.Formats.Engine;

/// <summary>
/// Counts the bytes put in the report (diff text, hex, and the nodes for differing members) against
/// <see cref="DiffOptions.MaxReportBytes"/>, so that the report, and the memory holding it, stay bounded whatever
/// the inputs hold.
/// </summary>
public sealed class ReportBudget(long maxBytes)
{
    /// <summary>What one node costs besides its strings: the structure around it in a report.</summary>
    private const int NodeOverhead = 128;

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

    /// <summary>Charges a node about to be added to the tree (its paths, values and comments, not its children).</summary>
    public bool TryChargeNode(Difference node)
    {
        long bytes = NodeOverhead + node.Path1.Length + node.Path2.Length + (node.Left?.Length ?? 0) + (node.Right?.Length ?? 0) + (node.Field?.Length ?? 0);
        foreach (var comment in node.Comments)
        {
            bytes += comment.Length;
        }

        return TryCharge(bytes);
    }
}
