using System.Text;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Wasm;

public class WasmFormatTests
{
    /// <summary>A module with two exported functions returning constants, and a custom section of text.</summary>
    private static byte[] Module(byte answer, string note, bool extraExport = false)
    {
        var bytes = new List<byte> { 0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0 };
        Section(bytes, 1, [1, 0x60, 0, 1, 0x7f]);
        Section(bytes, 3, [2, 0, 0]);
        var exports = new List<byte> { (byte)(extraExport ? 3 : 2) };
        Export(exports, "answer", 0);
        Export(exports, "other", 1);
        if (extraExport)
        {
            Export(exports, "again", 0);
        }

        Section(bytes, 7, [.. exports]);
        Section(bytes, 10, [2, 4, 0, 0x41, answer, 0x0b, 4, 0, 0x41, 1, 0x0b]);
        var custom = new List<byte> { 4 };
        custom.AddRange("note"u8.ToArray());
        custom.AddRange(Encoding.UTF8.GetBytes(note));
        Section(bytes, 0, [.. custom]);
        return [.. bytes];

        static void Section(List<byte> to, byte id, byte[] payload)
        {
            to.Add(id);
            to.Add((byte)payload.Length);
            to.AddRange(payload);
        }

        static void Export(List<byte> to, string name, byte index)
        {
            to.Add((byte)name.Length);
            to.AddRange(Encoding.UTF8.GetBytes(name));
            to.Add(0);
            to.Add(index);
        }
    }

    [Fact]
    public void Sections_are_compared_by_name_and_code_by_function()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.wasm", Module(42, "built on host one\n"));
        var b = dir.Write("b.wasm", Module(43, "built on host two\n", extraExport: true));
        var result = Diff.Run(a, b);
        Assert.Equal("wasm", result.Root!.Format);
        var nodes = result.Root.All().ToList();

        var code = nodes.Single(d => d.Format == "wasm-code");
        Assert.EndsWith("::code", code.Path1, StringComparison.Ordinal);
        var answer = Assert.Single(code.Children);
        Assert.EndsWith("::code::answer", answer.Path1, StringComparison.Ordinal);
        Assert.Empty(answer.Causes);
        Assert.Contains("1 are the same", Assert.Single(code.Comments), StringComparison.Ordinal);

        var exports = nodes.Single(d => d.Field == "exports");
        Assert.Contains("+again: func 0", exports.UnifiedDiff, StringComparison.Ordinal);

        var note = nodes.Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::custom:note", StringComparison.Ordinal));
        Assert.Equal("text", note.Format);
        Assert.Contains("+built on host two", note.All().Single(d => d.Kind == DifferenceKind.Text).UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain(nodes, d => d.Path1.EndsWith("::type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_module_is_reported_and_compared_as_bytes()
    {
        using var dir = new TempDir();
        var good = Module(42, "x\n");
        var result = Diff.Run(dir.Write("a.wasm", good[..18]), dir.Write("b.wasm", good));
        Assert.Contains(result.Root!.Comments, c => c.StartsWith("unreadable as wasm", StringComparison.Ordinal) && c.Contains("truncated", StringComparison.Ordinal));
    }
}
