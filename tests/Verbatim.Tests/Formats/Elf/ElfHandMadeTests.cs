using System.Text;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

/// <summary>ELF32 and big-endian files, written by hand with <see cref="ElfBuilder"/>.</summary>
public class ElfHandMadeTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Notes_comment_and_symbols_are_read_in_any_class_and_byte_order(bool is64, bool bigEndian)
    {
        using var dir = new TempDir();
        var a = dir.Write("a", Make(is64, bigEndian, "GCC: (Debian 12.2.0-10) 12.2.0", [0x01, 0x02, 0x03, 0x04], "main", 0x1000));
        var b = dir.Write("b", Make(is64, bigEndian, "GCC: (Debian 12.2.0-14) 12.2.0", [0x0a, 0x0b, 0x0c, 0x0d], "main", 0x2000));
        var result = Diff.Run(a, b);
        var root = result.Root!;
        Assert.Equal("elf", root.Format);
        Assert.Empty(root.Comments);
        var nodes = root.All().ToList();

        var buildId = nodes.Single(d => d.Field == "build-id");
        Assert.Equal("01020304", buildId.Left);
        Assert.Equal("0a0b0c0d", buildId.Right);

        var abi = nodes.Single(d => d.Field == "ABI tag");
        Assert.Equal("GNU/Linux 3.2.0", abi.Left);
        Assert.Equal("GNU/Linux 4.19.0", abi.Right);

        var comment = nodes.Single(d => d.Kind == DifferenceKind.Text && d.Path1.EndsWith("::.comment", StringComparison.Ordinal));
        Assert.Contains(comment.Causes, c => c.Kind == CauseKind.ToolchainVersion && c.Left == "GCC: (Debian 12.2.0-10) 12.2.0" && c.Right == "GCC: (Debian 12.2.0-14) 12.2.0");
        Assert.Contains(root.Causes, c => c.Kind == CauseKind.ToolchainVersion && c.Left!.Contains("12.2.0-10", StringComparison.Ordinal) && c.Right!.Contains("12.2.0-14", StringComparison.Ordinal));

        var symbols = nodes.Single(d => d.Field == "symbols");
        Assert.Contains("-main | FUNC GLOBAL DEFAULT | .text | 16 | 0x1000\n", symbols.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+main | FUNC GLOBAL DEFAULT | .text | 16 | 0x2000\n", symbols.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_fields_of_a_big_endian_file_are_decoded()
    {
        using var dir = new TempDir();
        var a = dir.Write("a", new ElfBuilder(is64: false, bigEndian: true) { Machine = 20 }.Build());
        var b = dir.Write("b", new ElfBuilder(is64: false, bigEndian: true) { Machine = 8 }.Build());
        var result = Diff.Run(a, b);
        var machine = Assert.Single(result.Root!.Children);
        Assert.Equal("ELF header machine", machine.Field);
        Assert.Equal("PowerPC", machine.Left);
        Assert.Equal("MIPS", machine.Right);
    }

    [Fact]
    public void Class_and_byte_order_differences_are_header_fields()
    {
        using var dir = new TempDir();
        var a = dir.Write("a", new ElfBuilder(is64: false, bigEndian: true).Build());
        var b = dir.Write("b", new ElfBuilder(is64: true, bigEndian: false).Build());
        var fields = Diff.Run(a, b).Root!.Children.Where(d => d.Kind == DifferenceKind.Field).ToDictionary(d => d.Field!, d => (d.Left, d.Right));
        Assert.Equal(("ELF32", "ELF64"), fields["ELF header class"]);
        Assert.Equal(("big endian", "little endian"), fields["ELF header data"]);
    }

    [Fact]
    public void Package_metadata_note_is_shown_as_json()
    {
        using var dir = new TempDir();
        var a = new ElfBuilder(true, false);
        a.AddNote(".note.package", "FDO", 0xcafe1a7e, Encoding.UTF8.GetBytes("{\"type\":\"deb\",\"version\":\"2.10-3\"}\0"));
        var b = new ElfBuilder(true, false);
        b.AddNote(".note.package", "FDO", 0xcafe1a7e, Encoding.UTF8.GetBytes("{\"type\":\"deb\",\"version\":\"2.10-3+b1\"}\0"));
        var result = Diff.Run(dir.Write("a", a.Build()), dir.Write("b", b.Build()));
        var field = result.Root.All().Single(d => d.Field == "package metadata");
        Assert.Equal("{\"type\":\"deb\",\"version\":\"2.10-3\"}", field.Left);
        Assert.Equal("{\"type\":\"deb\",\"version\":\"2.10-3+b1\"}", field.Right);
    }

    internal static byte[] Make(bool is64, bool bigEndian, string comment, byte[] buildId, string symbol, ulong value)
    {
        var elf = new ElfBuilder(is64, bigEndian);
        elf.AddNote(".note.gnu.build-id", "GNU", 3, buildId);
        var major = comment.Contains("-10", StringComparison.Ordinal) ? 3 : 4;
        elf.AddNote(".note.ABI-tag", "GNU", 1, Words(bigEndian, 0, (uint)major, major == 3 ? 2u : 19u, 0));
        var text = elf.Add(".text", 1, new byte[16], flags: 6);
        elf.Add(".comment", 1, Encoding.ASCII.GetBytes(comment + "\0"), flags: 0x30, entrySize: 1);
        var strtab = Encoding.ASCII.GetBytes("\0" + symbol + "\0");
        var symtab = elf.Symbol(0, 0, 0, 0, 0).Concat(elf.Symbol(1, value, 16, 0x12, (ushort)text)).ToArray();
        var strIndex = 6;
        elf.Add(".symtab", 2, symtab, link: (uint)strIndex, entrySize: is64 ? 24UL : 16UL);
        elf.Add(".strtab", 3, strtab);
        return elf.Build();
    }

    private static byte[] Words(bool bigEndian, params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
        {
            if (bigEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), words[i]);
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), words[i]);
            }
        }

        return bytes;
    }
}
