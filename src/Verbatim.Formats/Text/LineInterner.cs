namespace Verbatim.Formats.Text;

/// <summary>Numbers distinct lines densely from 0, in order of first appearance, so that a diff compares integers.</summary>
internal sealed class LineInterner
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);

    /// <summary>How many distinct lines have been numbered.</summary>
    public int Count => ids.Count;

    public int[] Intern(TextLines lines)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[lines.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var line = lines[i];
            if (!lookup.TryGetValue(line, out var id))
            {
                id = ids.Count;
                lookup[line] = id;
            }

            result[i] = id;
        }

        return result;
    }
}
