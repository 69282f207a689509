using System.Globalization;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Elf;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Wasm;

/// <summary>
/// The code section function by function: bodies paired by name (from the <c>name</c> section or the exports, else
/// by index); an unchanged function is not shown, a changed one as its differing bytes, with no content causes
/// looked for in them (they are instructions).
/// </summary>
internal static class WasmCode
{
    public static List<Difference> Compare(WasmModule a, WasmModule b, WasmSection l, WasmSection r, string path1, string path2, ComparisonContext context)
    {
        var left = Functions(a, l);
        var right = Functions(b, r);
        var byName = right.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var differences = new List<Difference>();
        var same = 0;
        foreach (var f in left)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!byName.Remove(f.Name, out var g))
            {
                differences.Add(OneSide(DifferenceKind.Removed, path1, f));
                continue;
            }

            if (a.Bytes.AsSpan(f.Offset, f.Length).SequenceEqual(b.Bytes.AsSpan(g.Offset, g.Length)))
            {
                same++;
                continue;
            }

            var bytes = BinaryComparer.Compare(
                new Input($"{path1}::{f.Name}", new MemoryContent(a.Bytes.AsMemory(f.Offset, f.Length))),
                new Input($"{path2}::{g.Name}", new MemoryContent(b.Bytes.AsMemory(g.Offset, g.Length))),
                context);
            differences.Add(bytes with { Causes = [], Format = "wasm-function" });
        }

        foreach (var g in right.Where(g => byName.ContainsKey(g.Name)))
        {
            differences.Add(OneSide(DifferenceKind.Added, path2, g));
        }

        return
        [
            new Difference
            {
                Path1 = path1,
                Path2 = path2,
                Kind = DifferenceKind.Node,
                Format = "wasm-code",
                Comments = [string.Create(CultureInfo.InvariantCulture, $"{left.Count} and {right.Count} functions; {same} are the same")],
                Children = differences,
            },
        ];
    }

    private static Difference OneSide(DifferenceKind kind, string path, (string Name, int Offset, int Length) f) => new()
    {
        Path1 = kind == DifferenceKind.Removed ? $"{path}::{f.Name}" : "",
        Path2 = kind == DifferenceKind.Added ? $"{path}::{f.Name}" : "",
        Kind = kind,
        Left = kind == DifferenceKind.Removed ? $"function, {f.Length} bytes" : null,
        Right = kind == DifferenceKind.Added ? $"function, {f.Length} bytes" : null,
    };

    /// <summary>Each body with its name and where it is in the module; a name is unique on its side.</summary>
    private static List<(string Name, int Offset, int Length)> Functions(WasmModule module, WasmSection code)
    {
        var imported = module.Sections.FirstOrDefault(s => s.Name == "import") is { } imports ? WasmListings.ImportedFunctions(module.Payload(imports)) : 0;
        var names = module.Sections.FirstOrDefault(s => s.Name == "custom:name") is { } nameSection ? SafeNames(module, nameSection) : [];
        if (module.Sections.FirstOrDefault(s => s.Name == "export") is { } exports)
        {
            foreach (var (name, kind, index) in WasmListings.ExportEntries(module.Payload(exports)))
            {
                if (kind == 0)
                {
                    names.TryAdd(index, name);
                }
            }
        }

        var functions = new List<(string, int, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var r = new ElfByteReader(module.Payload(code), false, "WebAssembly code section");
        var count = r.Uleb();
        for (ulong i = 0; i < count; i++)
        {
            var size = (long)r.Uleb();
            var offset = code.Offset + r.Position;
            r.Skip(size);
            var index = imported + i;
            var name = names.TryGetValue(index, out var n) ? n : $"function #{index}";
            name = seen.Add(name) ? name : $"{name} (#{index})";
            seen.Add(name);
            functions.Add((name, offset, (int)size));
        }

        return functions;
    }

    private static Dictionary<ulong, string> SafeNames(WasmModule module, WasmSection section)
    {
        try
        {
            return WasmListings.FunctionNames(module.Payload(section));
        }
        catch (MalformedInputException)
        {
            return []; // A broken name section only costs the names.
        }
    }
}
