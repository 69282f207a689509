using System.Text;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

public class ElfListingTests
{
    [Fact]
    public void A_long_symbol_table_whose_every_address_moved_is_listed_whole()
    {
        using var dir = new TempDir();
        var a = dir.Write("a", WithSymbols(60_000, 0x1000));
        var b = dir.Write("b", WithSymbols(60_000, 0x1010));
        var result = Diff.Run(a, b);

        // Not cut at some number of lines: every moved symbol is listed, the last one too (the report limit is far).
        var symbols = result.Root.All().Single(d => d.Field == "symbols");
        Assert.Empty(symbols.Comments);
        Assert.Contains($"+function_59999 | FUNC GLOBAL DEFAULT | .text | 16 | 0x{0x1010 + (59_999 * 16):x}\n", symbols.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_changes_in_a_long_symbol_table_are_all_shown()
    {
        using var dir = new TempDir();
        var a = dir.Write("a", WithSymbols(60_000, 0x1000));
        var b = dir.Write("b", WithSymbols(60_000, 0x1000, renamed: 59_000));
        var result = Diff.Run(a, b);
        var symbols = result.Root.All().Single(d => d.Field == "symbols");
        Assert.Empty(symbols.Comments);
        Assert.Contains("renamed_59000", symbols.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains(result.Root.All(), d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.strtab", StringComparison.Ordinal));
    }

    private static byte[] WithSymbols(int count, ulong start, int renamed = -1)
    {
        var elf = new ElfBuilder(true, false);
        var text = elf.Add(".text", 1, new byte[16], flags: 6);
        var names = new StringBuilder("\0");
        var symbols = new List<byte>(elf.Symbol(0, 0, 0, 0, 0));
        for (var i = 0; i < count; i++)
        {
            var offset = (uint)names.Length;
            names.Append(i == renamed ? $"renamed_{i}" : $"function_{i}").Append('\0');
            symbols.AddRange(elf.Symbol(offset, start + ((ulong)i * 16), 16, 0x12, (ushort)text));
        }

        elf.Add(".symtab", 2, [.. symbols], link: 3, entrySize: 24);
        elf.Add(".strtab", 3, Encoding.ASCII.GetBytes(names.ToString()));
        return elf.Build();
    }
}
