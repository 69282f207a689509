using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

/// <summary>Corrupt ELF files are reported unreadable and compared as bytes, never crash or allocate by a bad count.</summary>
public class ElfMalformedTests
{
    private const int SymTab = 5;

    [Fact]
    public void Truncated_file_is_compared_as_bytes()
    {
        var good = Good();
        AssertUnreadable(good[..40], "truncated");
    }

    [Fact]
    public void Section_header_offset_beyond_the_end_is_compared_as_bytes()
    {
        var (elf, bytes) = Built();
        elf.Patch(bytes, 0x28, (ulong)bytes.Length + 100, 8);
        AssertUnreadable(bytes, "past the end");
    }

    [Fact]
    public void Section_larger_than_the_file_is_compared_as_bytes()
    {
        var (elf, bytes) = Built();
        elf.Patch(bytes, elf.SectionHeaderAt(bytes, 3) + 32, 1UL << 40, 8);
        AssertUnreadable(bytes, "extends past the end of the file");
    }

    [Theory]
    [InlineData(0xfff0, 0UL)]
    [InlineData(0, 1UL << 40)]
    public void Huge_section_count_is_compared_as_bytes(ushort shnum, ulong extendedCount)
    {
        var (elf, bytes) = Built();
        elf.Patch(bytes, 60, shnum, 2);
        elf.Patch(bytes, elf.SectionHeaderAt(bytes, 0) + 32, extendedCount, 8);
        AssertUnreadable(bytes, "section header table");
    }

    [Fact]
    public void Section_name_index_out_of_range_is_compared_as_bytes()
    {
        var (elf, bytes) = Built();
        elf.Patch(bytes, elf.SectionHeaderAt(bytes, 1), 0xffff, 4);
        AssertUnreadable(bytes, "string index 65535");
    }

    [Fact]
    public void Self_referencing_link_is_compared_as_bytes()
    {
        var (elf, bytes) = Built();
        elf.Patch(bytes, elf.SectionHeaderAt(bytes, SymTab) + 40, SymTab, 4);
        AssertUnreadable(bytes, "itself");
    }

    [Fact]
    public void Symbol_name_out_of_range_leaves_that_section_as_bytes()
    {
        using var dir = new TempDir();
        var (elf, bytes) = Built();
        var symtab = elf.SectionHeaderAt(bytes, SymTab);
        var offset = (long)BitConverter.ToUInt64(bytes, (int)symtab + 24);
        elf.Patch(bytes, offset + 24, 0x7fffffff, 4);
        var result = Diff.Run(dir.Write("a", Good()), dir.Write("b", bytes));
        var node = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.symtab", StringComparison.Ordinal));
        Assert.Contains(node.Comments, c => c.Contains("not decoded", StringComparison.Ordinal) && c.Contains("string index", StringComparison.Ordinal));
        Assert.Equal(DifferenceKind.Binary, Assert.Single(node.Children).Kind);
    }

    private static byte[] Good() => ElfHandMadeTests.Make(true, false, "GCC: (Debian 12.2.0-10) 12.2.0", [1, 2, 3, 4], "main", 0x1000);

    private static (ElfBuilder Elf, byte[] Bytes) Built()
    {
        var bytes = Good();
        return (new ElfBuilder(true, false), bytes);
    }

    private static void AssertUnreadable(byte[] bad, string reason)
    {
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a", Good()), dir.Write("b", bad));
        var root = result.Root!;
        Assert.Contains(root.Comments, c => c.StartsWith("unreadable as elf", StringComparison.Ordinal) && c.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(DifferenceKind.Binary, Assert.Single(root.Children).Kind);
    }
}
