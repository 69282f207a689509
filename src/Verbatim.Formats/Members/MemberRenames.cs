using System.Text.RegularExpressions;

namespace Verbatim.Formats.Members;

/// <summary>
/// Pairs members found on one side only whose paths differ only in a version or a target framework
/// (<c>lib/net5.0/X.dll</c> ↔ <c>lib/net8.0/X.dll</c>, <c>foo-1.2/</c> ↔ <c>foo-1.3/</c>): each number run becomes
/// one placeholder, and a member is paired only when its placeholder path is unique on both sides.
/// </summary>
public static partial class MemberRenames
{
    /// <summary>The pairs (left key, right key), in the left side's order.</summary>
    public static List<(string Left, string Right)> Match(IEnumerable<(string Key, MemberType Type, long Index)> left, IEnumerable<(string Key, MemberType Type, long Index)> right)
    {
        var rights = Unique(right);
        var pairs = new List<(string Left, string Right)>();
        foreach (var (shape, (key, type, _)) in Unique(left).OrderBy(l => l.Value.Index))
        {
            if (rights.TryGetValue(shape, out var other) && other.Type == type && !string.Equals(key, other.Key, StringComparison.Ordinal))
            {
                pairs.Add((key, other.Key));
            }
        }

        return pairs;
    }

    /// <summary>The name with every version-like number run (<c>5.0</c>, <c>1.2.3</c>, <c>472</c>) replaced by <c>#</c>.</summary>
    public static string Shape(string name) => Numbers().Replace(name, "#");

    private static Dictionary<string, (string Key, MemberType Type, long Index)> Unique(IEnumerable<(string Key, MemberType Type, long Index)> members)
    {
        var byShape = new Dictionary<string, (string Key, MemberType Type, long Index)>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            var shape = Shape(m.Key);
            if (shape == m.Key || !byShape.TryAdd(shape, m))
            {
                ambiguous.Add(shape);
            }
        }

        foreach (var shape in ambiguous)
        {
            byShape.Remove(shape);
        }

        return byShape;
    }

    [GeneratedRegex(@"\d+(?:[._]\d+)*")]
    private static partial Regex Numbers();
}
