
namespace Verbatim.Core.Model;

/// <summary>
/// The report's opening line: how many differences (leaves of the tree), in how many members (nodes that hold
/// leaves directly), and the causes found with how often each was seen.
/// </summary>
public sealed record DiffSummary(int Differences, int Members, IReadOnlyList<(CauseKind Kind, int Count)> Causes)
{
    public static DiffSummary Of(Difference? root)
    {
        if (root is null)
        {
            return new DiffSummary(0, 0, []);
        }

        var leaves = 0;
        var members = new HashSet<Difference>(ReferenceEqualityComparer.Instance);
        var causes = new Dictionary<CauseKind, int>();

        // An explicit stack rather than recursion: trees can be nested as deep as --max-depth allows.
        var stack = new Stack<(Difference Node, Difference? Member)>();
        stack.Push((root, null));
        while (stack.Count > 0)
        {
            var (node, member) = stack.Pop();
            foreach (var cause in node.Causes.Select(c => c.Kind).Distinct())
            {
                causes[cause] = causes.GetValueOrDefault(cause) + 1;
            }

            var owner = node.Kind == DifferenceKind.Node ? node : member;
            if (node.Children.Count == 0)
            {
                leaves++;
                if (owner is not null)
                {
                    members.Add(owner);
                }

                continue;
            }

            foreach (var child in node.Children)
            {
                stack.Push((child, owner));
            }
        }

        var ordered = causes.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => (c.Key, c.Value)).ToList();
        return new DiffSummary(leaves, members.Count, ordered);
    }

    public string ToSentence()
    {
        if (Differences == 0)
        {
            return "identical";
        }

        var text = $"{Differences} difference{(Differences == 1 ? "" : "s")} in {Members} member{(Members == 1 ? "" : "s")}";
        return Causes.Count == 0
            ? text + "; no recognised cause"
            : text + "; causes: " + string.Join(", ", Causes.Select(c => $"{c.Kind.Title()} ({c.Count})"));
    }
}
