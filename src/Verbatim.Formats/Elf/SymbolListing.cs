using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// A symbol table (<c>.symtab</c>, <c>.dynsym</c>) as text, one symbol a line in index order: value, size, type,
/// binding, visibility, section and name, names read from the linked string table.
/// </summary>
internal static class SymbolListing
{
    /// <summary>Larger tables are listed up to here; the rest is counted.</summary>
    public const int MaxSymbols = 200_000;

    public static string Render(ReadOnlySpan<byte> table, ReadOnlySpan<byte> strings, ElfFile file, ElfSection section, CancellationToken cancellationToken)
    {
        var h = file.Header;
        var minimum = h.Is64 ? 24 : 16;
        var entry = section.EntrySize == 0 ? (ulong)minimum : section.EntrySize;
        if (entry < (ulong)minimum || entry > 1024)
        {
            throw new MalformedInputException($"symbol table {section.Name}: entry size {section.EntrySize} is not valid");
        }

        var count = (ulong)table.Length / entry;
        var text = new StringBuilder();
        text.Append("  num: value              size     type    bind    vis       section              name\n");
        for (ulong i = 0; i < count && i < MaxSymbols; i++)
        {
            if ((i & 0xfff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var r = new ElfByteReader(table, h.BigEndian, $"symbol table {section.Name}") { Position = (int)(i * entry) };
            uint name;
            ulong value;
            ulong size;
            byte info;
            byte other;
            ushort shndx;
            if (h.Is64)
            {
                name = r.U32();
                info = r.U8();
                other = r.U8();
                shndx = r.U16();
                value = r.U64();
                size = r.U64();
            }
            else
            {
                name = r.U32();
                value = r.U32();
                size = r.U32();
                info = r.U8();
                other = r.U8();
                shndx = r.U16();
            }

            var symbolName = ElfByteReader.StringAt(strings, name, $"name of symbol {i} in {section.Name}");
            text.Append(CultureInfo.InvariantCulture, $"{i,5}: 0x{value:x16} {size,8} {ElfNames.SymbolType(info & 0xf),-7} {ElfNames.SymbolBinding(info >> 4),-7} {ElfNames.SymbolVisibility(other & 3),-9} {SectionName(file, shndx),-20} {symbolName}\n");
        }

        if (count > MaxSymbols)
        {
            text.Append(CultureInfo.InvariantCulture, $"… {count - MaxSymbols} more symbols not listed\n");
        }

        return text.ToString();
    }

    private static string SectionName(ElfFile file, ushort index) => index switch
    {
        0 => "UND",
        0xfff1 => "ABS",
        0xfff2 => "COM",
        0xffff => "XINDEX",
        _ when index < file.Sections.Count => file.Sections[index].Name.Length > 0 ? file.Sections[index].Name : $"[{index}]",
        _ => $"[{index}]",
    };
}
