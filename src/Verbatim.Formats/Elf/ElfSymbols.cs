using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>One entry of a symbol table, its name read from the linked string table.</summary>
internal sealed record ElfSymbol(int Index, string Name, ulong Value, ulong Size, int Type, int Binding, int Visibility, ushort SectionIndex)
{
    public const int Function = 2;
    public const int Object = 1;
    public const int TypeNone = 0;
}

/// <summary>Reads the entries of a symbol table (<c>.symtab</c>, <c>.dynsym</c>) of either class and byte order.</summary>
internal static class ElfSymbols
{
    /// <summary>Larger tables are read up to here (about 10 million lines of report long before this).</summary>
    public const int MaxSymbols = 2_000_000;

    /// <summary>The entries, in index order, and how many were not read (past <see cref="MaxSymbols"/>).</summary>
    public static (List<ElfSymbol> Symbols, ulong NotRead) Parse(ReadOnlySpan<byte> table, ReadOnlySpan<byte> strings, ElfFile file, ElfSection section, CancellationToken cancellationToken)
    {
        var h = file.Header;
        var minimum = h.Is64 ? 24 : 16;
        var entry = section.EntrySize == 0 ? (ulong)minimum : section.EntrySize;
        if (entry < (ulong)minimum || entry > 1024)
        {
            throw new MalformedInputException($"symbol table {section.Name}: entry size {section.EntrySize} is not valid");
        }

        var count = (ulong)table.Length / entry;
        var symbols = new List<ElfSymbol>((int)Math.Min(count, MaxSymbols));
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
            symbols.Add(new ElfSymbol((int)i, symbolName, value, size, info & 0xf, info >> 4, other & 3, shndx));
        }

        return (symbols, count > MaxSymbols ? count - MaxSymbols : 0);
    }

    /// <summary>The symbols of the file's <c>.symtab</c> (or, when stripped, its <c>.dynsym</c>); empty when it has neither or they cannot be read.</summary>
    public static List<ElfSymbol> Best(ElfFile file, CancellationToken cancellationToken)
    {
        foreach (var type in new[] { ElfSection.SymTab, ElfSection.DynSym })
        {
            var section = file.Sections.FirstOrDefault(s => s.Type == type && s.HasBytes);
            if (section is null || section.Link >= file.Sections.Count)
            {
                continue;
            }

            try
            {
                var strings = file.Sections[(int)section.Link];
                return Parse(SectionData.Load(file, section), SectionData.Load(file, strings), file, section, cancellationToken).Symbols;
            }
            catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException)
            {
                // Unreadable symbols: the code is still shown, with addresses named by section.
            }
        }

        return [];
    }

    public static string SectionName(ElfFile file, ushort index) => index switch
    {
        0 => "UND",
        0xfff1 => "ABS",
        0xfff2 => "COM",
        0xffff => "XINDEX",
        _ when index < file.Sections.Count => file.Sections[index].Name.Length > 0 ? file.Sections[index].Name : $"[{index}]",
        _ => $"[{index}]",
    };
}
