using System.Text;
using Verbatim.Core.IO;
using Verbatim.Formats.Elf;

namespace Verbatim.Formats.Wasm;

/// <summary>One section of a WebAssembly module: its name (<c>code</c>, <c>export</c>, or <c>custom:NAME</c>) and where its payload is.</summary>
internal sealed record WasmSection(byte Id, string Name, int Offset, int Length);

/// <summary>A WebAssembly binary module (magic <c>\0asm</c>, version 1) read as its list of sections.</summary>
internal sealed class WasmModule
{
    /// <summary>Larger modules are compared as bytes.</summary>
    public const long MaxBytes = 256L << 20;

    private static readonly string[] Names = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];

    private WasmModule(byte[] bytes, List<WasmSection> sections)
    {
        Bytes = bytes;
        Sections = sections;
    }

    public byte[] Bytes { get; }

    public List<WasmSection> Sections { get; }

    public ReadOnlySpan<byte> Payload(WasmSection section) => Bytes.AsSpan(section.Offset, section.Length);

    public static bool HasMagic(ReadOnlySpan<byte> head) => head.Length >= 8 && head.StartsWith("\0asm"u8) && head[4] == 1 && head[5] == 0 && head[6] == 0 && head[7] == 0;

    public static WasmModule Read(IContent content)
    {
        if (content.Length > MaxBytes)
        {
            throw new LimitExceededException($"a WebAssembly module of {content.Length} bytes is more than the {MaxBytes >> 20} MiB read");
        }

        var bytes = new byte[content.Length];
        using (var stream = content.Open())
        {
            stream.ReadExactly(bytes);
        }

        var sections = new List<WasmSection>();
        var r = new ElfByteReader(bytes, false, "WebAssembly module") { Position = 8 };
        while (r.Remaining > 0)
        {
            var id = r.U8();
            var size = (long)r.Uleb();
            var start = r.Position;
            r.Skip(size);
            var name = id < Names.Length ? Names[id] : $"unknown section {id}";
            var offset = start;
            if (id == 0)
            {
                var inner = new ElfByteReader(bytes.AsSpan(start, (int)size), false, "WebAssembly custom section name");
                name = "custom:" + Name(ref inner);
                offset = start + inner.Position;
            }

            sections.Add(new WasmSection(id, name, offset, (int)(start + size - offset)));
        }

        return new WasmModule(bytes, sections);
    }

    /// <summary>A WebAssembly name: a LEB128 length, then UTF-8.</summary>
    public static string Name(ref ElfByteReader r)
    {
        var length = r.Uleb();
        return Encoding.UTF8.GetString(r.Take((long)Math.Min(length, int.MaxValue)));
    }
}
