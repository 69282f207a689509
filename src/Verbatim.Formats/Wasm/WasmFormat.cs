using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Wasm;

/// <summary>
/// WebAssembly modules, section by section (paired by name; custom sections by their own name): imports and
/// exports as listings, the code section function by function, custom sections compared as what they hold (text,
/// JSON, …) and any other section as bytes.
/// </summary>
public sealed class WasmFormat : IFormat
{
    public string Name => "wasm";

    public bool Recognizes(Input input) => WasmModule.HasMagic(input.Head);

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        var a = WasmModule.Read(left.Content);
        var b = WasmModule.Read(right.Content);
        var differences = new List<Difference>();
        var order = (string.Join("\n", a.Sections.Select(s => s.Name)), string.Join("\n", b.Sections.Select(s => s.Name)));
        if (order.Item1 != order.Item2 && TextComparer.Compare(left.Path, right.Path, "sections", order.Item1 + "\n", order.Item2 + "\n", context, Name) is { } list)
        {
            differences.Add(list with { Causes = [] });
        }

        var rights = Keyed(b).ToDictionary(k => k.Key, k => k.Section, StringComparer.Ordinal);
        foreach (var (key, l) in Keyed(a))
        {
            var path1 = $"{left.Path}::{key}";
            var path2 = $"{right.Path}::{key}";
            if (!rights.Remove(key, out var r))
            {
                differences.Add(new Difference { Path1 = path1, Path2 = "", Kind = DifferenceKind.Removed, Left = $"section, {l.Length} bytes" });
                continue;
            }

            if (a.Payload(l).SequenceEqual(b.Payload(r)))
            {
                continue;
            }

            var found = await CompareSectionAsync(a, b, l, r, path1, path2, context).ConfigureAwait(false);
            if (found is not null)
            {
                differences.Add(found);
            }
        }

        foreach (var (key, r) in Keyed(b).Where(k => rights.ContainsKey(k.Key)))
        {
            differences.Add(new Difference { Path1 = "", Path2 = $"{right.Path}::{key}", Kind = DifferenceKind.Added, Right = $"section, {r.Length} bytes" });
        }

        return differences;
    }

    private static async Task<Difference?> CompareSectionAsync(WasmModule a, WasmModule b, WasmSection l, WasmSection r, string path1, string path2, ComparisonContext context)
    {
        Difference? listing = null;
        try
        {
            switch (l.Name)
            {
                case "code":
                    return WasmCode.Compare(a, b, l, r, path1, path2, context)[0];
                case "import":
                    listing = TextComparer.Compare(path1, path2, "imports", WasmListings.Imports(a.Payload(l)), WasmListings.Imports(b.Payload(r)), context, "wasm-imports");
                    break;
                case "export":
                    listing = TextComparer.Compare(path1, path2, "exports", WasmListings.Exports(a.Payload(l)), WasmListings.Exports(b.Payload(r)), context, "wasm-exports");
                    break;
                case var custom when custom.StartsWith("custom:", StringComparison.Ordinal):
                    return await context.CompareAsync(Payload(path1, a, l), Payload(path2, b, r)).ConfigureAwait(false);
            }
        }
        catch (MalformedInputException e)
        {
            var bytes = BinaryComparer.Compare(Payload(path1, a, l), Payload(path2, b, r), context);
            return bytes with { Comments = [$"not decoded ({e.Message}); compared as bytes", .. bytes.Comments] };
        }

        if (listing is not null)
        {
            return new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = "wasm-section", Children = [listing] };
        }

        // Types, functions, tables, globals, elements and data as their bytes; code-like sections without causes.
        var raw = BinaryComparer.Compare(Payload(path1, a, l), Payload(path2, b, r), context);
        return l.Name is "data" or "datacount" ? raw : raw with { Causes = [] };
    }

    private static Input Payload(string path, WasmModule module, WasmSection section) =>
        new(path, new MemoryContent(module.Bytes.AsMemory(section.Offset, section.Length)));

    private static IEnumerable<(string Key, WasmSection Section)> Keyed(WasmModule module)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in module.Sections)
        {
            var n = seen[s.Name] = seen.GetValueOrDefault(s.Name) + 1;
            yield return (n == 1 ? s.Name : $"{s.Name} (#{n})", s);
        }
    }
}
