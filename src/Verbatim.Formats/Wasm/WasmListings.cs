using System.Globalization;
using System.Text;
using Verbatim.Formats.Elf;

namespace Verbatim.Formats.Wasm;

/// <summary>The import and export sections as text (one entry a line), and the function names a module gives.</summary>
internal static class WasmListings
{
    private static readonly string[] Kinds = ["func", "table", "memory", "global", "tag"];

    public static string Imports(ReadOnlySpan<byte> payload)
    {
        var r = new ElfByteReader(payload, false, "WebAssembly import section");
        var text = new StringBuilder();
        for (var count = r.Uleb(); count > 0; count--)
        {
            var module = WasmModule.Name(ref r);
            var name = WasmModule.Name(ref r);
            var kind = r.U8();
            var what = kind switch
            {
                0 => $"type {r.Uleb()}",
                1 => $"{RefType(r.U8())} {Limits(ref r)}",
                2 => Limits(ref r),
                3 => $"{ValueType(r.U8())}{(r.U8() == 1 ? " mutable" : "")}",
                4 => $"attribute {r.U8()} type {r.Uleb()}",
                _ => throw new Core.IO.MalformedInputException($"WebAssembly import section: unknown import kind {kind}"),
            };
            text.Append(CultureInfo.InvariantCulture, $"{module}.{name}: {Kind(kind)} {what}\n");
        }

        return text.ToString();
    }

    public static string Exports(ReadOnlySpan<byte> payload)
    {
        var lines = new List<string>();
        foreach (var (name, kind, index) in ExportEntries(payload))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {Kind(kind)} {index}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    public static List<(string Name, byte Kind, ulong Index)> ExportEntries(ReadOnlySpan<byte> payload)
    {
        var r = new ElfByteReader(payload, false, "WebAssembly export section");
        var entries = new List<(string, byte, ulong)>();
        for (var count = r.Uleb(); count > 0; count--)
        {
            var name = WasmModule.Name(ref r);
            var kind = r.U8();
            entries.Add((name, kind, r.Uleb()));
        }

        return entries;
    }

    /// <summary>How many functions are imported (the code section's bodies are numbered after them).</summary>
    public static ulong ImportedFunctions(ReadOnlySpan<byte> payload)
    {
        ulong functions = 0;
        foreach (var line in Imports(payload).Split('\n'))
        {
            functions += line.Contains(": func type ", StringComparison.Ordinal) ? 1UL : 0;
        }

        return functions;
    }

    /// <summary>The function names of the <c>name</c> custom section (subsection 1), by function index.</summary>
    public static Dictionary<ulong, string> FunctionNames(ReadOnlySpan<byte> payload)
    {
        var names = new Dictionary<ulong, string>();
        var r = new ElfByteReader(payload, false, "WebAssembly name section");
        while (r.Remaining > 0)
        {
            var id = r.U8();
            var size = (long)r.Uleb();
            var sub = new ElfByteReader(r.Take(size), false, "WebAssembly name subsection");
            if (id != 1)
            {
                continue;
            }

            for (var count = sub.Uleb(); count > 0; count--)
            {
                var index = sub.Uleb();
                names[index] = WasmModule.Name(ref sub);
            }
        }

        return names;
    }

    private static string Kind(byte kind) => kind < Kinds.Length ? Kinds[kind] : $"kind {kind}";

    private static string Limits(ref ElfByteReader r)
    {
        var flags = r.U8();
        var min = r.Uleb();
        return (flags & 1) != 0 ? $"min {min} max {r.Uleb()}" : $"min {min}";
    }

    private static string RefType(byte type) => type switch { 0x70 => "funcref", 0x6f => "externref", _ => $"type 0x{type:x2}" };

    private static string ValueType(byte type) => type switch
    {
        0x7f => "i32",
        0x7e => "i64",
        0x7d => "f32",
        0x7c => "f64",
        0x7b => "v128",
        0x70 => "funcref",
        0x6f => "externref",
        _ => $"type 0x{type:x2}",
    };
}
