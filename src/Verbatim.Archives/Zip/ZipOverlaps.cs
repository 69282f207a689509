namespace Verbatim.Archives.Zip;

/// <summary>
/// Finds entries whose local header and data share bytes with another entry's: the trick of non-recursive zip
/// bombs (many entries expanding one compressed kernel) and of zip quines. Such entries are not expanded.
/// </summary>
internal static class ZipOverlaps
{
    /// <summary>For each overlapping entry's index, the name of an entry it overlaps.</summary>
    public static IReadOnlyDictionary<int, string> Find(IReadOnlyList<ZipCentralEntry> entries, long bias)
    {
        var found = new Dictionary<int, string>();
        if (entries.Count < 2)
        {
            return found;
        }

        // The smallest footprint an entry can have: its fixed local header and its compressed data.
        var spans = entries
            .Select(e => (Start: e.LocalHeaderOffset + bias, End: e.LocalHeaderOffset + bias + ZipDirectoryReader.LocalSize + e.CompressedSize, e.Index))
            .OrderBy(s => s.Start)
            .ThenBy(s => s.Index)
            .ToList();
        var widest = spans[0];
        for (var i = 1; i < spans.Count; i++)
        {
            var current = spans[i];
            if (current.Start < widest.End)
            {
                found.TryAdd(current.Index, entries[widest.Index].Name);
                found.TryAdd(widest.Index, entries[current.Index].Name);
            }

            if (current.End > widest.End)
            {
                widest = current;
            }
        }

        return found;
    }
}
