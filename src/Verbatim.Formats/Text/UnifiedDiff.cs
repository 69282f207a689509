namespace Verbatim.Formats.Text;

/// <summary>
/// A line diff of two texts as unified-diff hunks (no ---/+++ header), with the changed lines for classifying, and
/// notes when part of it was given up on (see <see cref="LineDiff"/>).
/// </summary>
public sealed record UnifiedDiff(string Text, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<string> Notes)
{
    public const int ContextLines = 3;

    /// <summary>The hunks, or null when the texts have the same lines (they may still differ in line endings).</summary>
    public static UnifiedDiff? Create(string left, string right) => Create(left, right, workLimit: null);

    /// <summary>As <see cref="Create(string, string)"/>, stopping with an OperationCanceledException when cancelled.</summary>
    public static UnifiedDiff? Create(string left, string right, CancellationToken cancellationToken) => Create(left, right, workLimit: null, cancellationToken);

    internal static UnifiedDiff? Create(string left, string right, long? workLimit, CancellationToken cancellationToken = default)
    {
        // A final line break ends the last line; it does not start an empty one when both texts end with one, or
        // when the other text is empty (a text of no lines).
        var emptyLeft = left.Length == 0;
        var emptyRight = right.Length == 0;
        var trim = (emptyLeft || EndsWithBreak(left)) && (emptyRight || EndsWithBreak(right));
        var a = new TextLines(left, trim ? WithoutFinalBreak(left) : left.Length, empty: emptyLeft);
        var b = new TextLines(right, trim ? WithoutFinalBreak(right) : right.Length, empty: emptyRight);
        var interner = new LineInterner(a.Count + b.Count);
        var idsA = interner.Intern(a);
        var idsB = interner.Intern(b);
        var script = LineDiff.Compute(idsA, idsB, interner.Count, workLimit, cancellationToken);
        if (script.Blocks.Count == 0)
        {
            return null;
        }

        var notes = script.ReplacedRegions == 0 ? [] : new[]
        {
            $"the line diff reached its work limit: {script.ReplacedRegions} region(s) ({script.ReplacedLinesA} lines of the first text, {script.ReplacedLinesB} of the second) are shown as replaced, not diffed",
        };
        var (text, removed, added) = UnifiedHunks.Write(a, b, script.Blocks);
        return new UnifiedDiff(text, removed, added, notes) { SameLinesInAnotherOrder = IsPermutation(idsA, idsB, interner.Count) };
    }

    /// <summary>True when both texts have the same lines, each as often, in another order.</summary>
    public bool SameLinesInAnotherOrder { get; init; }

    private static bool IsPermutation(int[] a, int[] b, int distinct)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var balance = new int[distinct];
        foreach (var id in a)
        {
            balance[id]++;
        }

        foreach (var id in b)
        {
            if (--balance[id] < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWithBreak(string text) => text.EndsWith('\n') || text.EndsWith('\r');

    /// <summary>The length of <paramref name="text"/> without its final line break, if any.</summary>
    private static int WithoutFinalBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text.Length - 2 : EndsWithBreak(text) ? text.Length - 1 : text.Length;
}
