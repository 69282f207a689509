namespace Verbatim.Check.Variations;

/// <summary>
/// <c>--variations</c> as reprotest spells it: a comma-separated list of names, each optionally prefixed with <c>+</c>
/// (add) or <c>-</c> (remove), and <c>all</c>/<c>+all</c>/<c>-all</c>. Items apply left to right, starting from every
/// variation, except that a list starting with a bare name (<c>time,umask</c>) starts from none.
/// </summary>
public static class VariationSelection
{
    /// <summary>The chosen variations in registry order.</summary>
    /// <exception cref="ArgumentException">An item names no variation; the message says which.</exception>
    public static IReadOnlyList<IVariation> Parse(string? text)
    {
        var items = (text ?? "all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        if (items.Length == 0 || items[0] is ['+' or '-', ..] || items[0] == "all")
        {
            chosen.UnionWith(VariationRegistry.All.Select(v => v.Name));
        }

        foreach (var item in items)
        {
            var remove = item.StartsWith('-');
            var name = item.TrimStart('+', '-');
            if (name == "all")
            {
                if (remove)
                {
                    chosen.Clear();
                }
                else
                {
                    chosen.UnionWith(VariationRegistry.All.Select(v => v.Name));
                }

                continue;
            }

            if (VariationRegistry.Find(name) is null)
            {
                throw new ArgumentException($"unknown variation '{name}' (known: all, {string.Join(", ", VariationRegistry.All.Select(v => v.Name))})");
            }

            if (remove)
            {
                chosen.Remove(name);
            }
            else
            {
                chosen.Add(name);
            }
        }

        return [.. VariationRegistry.All.Where(v => chosen.Contains(v.Name))];
    }
}
