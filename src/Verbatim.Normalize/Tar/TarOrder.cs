using Verbatim.Archives.Tar;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Tar;

/// <summary>The canonical member order of a tar: by name bytes, except that a hard link waits until its target has been written.</summary>
internal static class TarOrder
{
    public static List<TarItem> Canonical(IReadOnlyList<TarItem> items)
    {
        var sorted = items.OrderBy(i => i.Name, ByteOrder.Instance).ToList();
        var names = new HashSet<string>(sorted.Select(i => Convert.ToHexString(i.Name)), StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, List<TarItem>>(StringComparer.Ordinal);
        var result = new List<TarItem>(sorted.Count);
        foreach (var item in sorted)
        {
            var target = Convert.ToHexString(item.LinkName);
            if (item.TypeFlag == (byte)'1' && names.Contains(target) && !written.Contains(target))
            {
                if (!waiting.TryGetValue(target, out var list))
                {
                    waiting[target] = list = [];
                }

                list.Add(item);
                continue;
            }

            Emit(item, result, written, waiting);
        }

        foreach (var rest in waiting.OrderBy(w => w.Key, StringComparer.Ordinal).SelectMany(w => w.Value))
        {
            result.Add(rest);
        }

        return result;
    }

    private static void Emit(TarItem item, List<TarItem> result, HashSet<string> written, Dictionary<string, List<TarItem>> waiting)
    {
        result.Add(item);
        var key = Convert.ToHexString(item.Name);
        written.Add(key);
        if (waiting.Remove(key, out var links))
        {
            foreach (var link in links)
            {
                Emit(link, result, written, waiting);
            }
        }
    }
}
