using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Reads the section header table (with extended numbering: counts and the name table index kept in section 0),
/// checks each section's bytes lie in the file and its links name a valid other section, and resolves the names.
/// </summary>
internal static class ElfSectionTable
{
    public static List<ElfSection> Read(Stream stream, long length, ElfHeader h, out long programCount)
    {
        programCount = h.ProgramHeaderCount;
        if (h.SectionHeaderOffset == 0)
        {
            if (programCount == ElfFile.ExtendedNumbering)
            {
                throw new MalformedInputException("extended program header count without a section header table");
            }

            return [];
        }

        var entry = h.Is64 ? 64 : 40;
        if (h.SectionHeaderEntrySize < entry)
        {
            throw new MalformedInputException($"section header entry size {h.SectionHeaderEntrySize} is smaller than {entry}");
        }

        var first = ParseSections(ElfFile.ReadTable(stream, length, h.SectionHeaderOffset, 1, h.SectionHeaderEntrySize, "section header table"), h, 1);
        var declared = h.SectionHeaderCount == 0 ? first[0].Size : h.SectionHeaderCount;
        if (declared > (ulong)(length / h.SectionHeaderEntrySize))
        {
            throw new MalformedInputException(h.SectionHeaderCount == 0
                ? $"section header table: section 0 declares {declared} sections (extended numbering), more than the file's {length} bytes can hold"
                : $"section header table: {declared} sections declared, more than the file's {length} bytes can hold");
        }

        var count = (long)declared;
        if (programCount == ElfFile.ExtendedNumbering)
        {
            programCount = first[0].Info;
        }

        var nameIndex = h.SectionNameTableIndex == ElfFile.ExtendedNumbering ? first[0].Link : h.SectionNameTableIndex;
        var raw = ParseSections(ElfFile.ReadTable(stream, length, h.SectionHeaderOffset, count, h.SectionHeaderEntrySize, "section header table"), h, (int)count);
        if (nameIndex != 0 && nameIndex >= raw.Count)
        {
            throw new MalformedInputException($"section name table index {nameIndex} is not below the section count {raw.Count}");
        }

        foreach (var s in raw)
        {
            if (s.HasBytes && (s.Offset > (ulong)length || s.Size > (ulong)length - s.Offset))
            {
                throw new MalformedInputException($"section {s.Index} (offset {s.Offset}, size {s.Size}) extends past the end of the file ({length} bytes)");
            }
        }

        byte[] names = [];
        if (nameIndex != 0)
        {
            var table = raw[(int)nameIndex];
            if (table.Type != ElfSection.StrTab)
            {
                throw new MalformedInputException($"section name table {nameIndex} is not a string table");
            }

            if (table.Size > ElfFile.MaxTableBytes)
            {
                throw new MalformedInputException($"section name table of {table.Size} bytes is too large");
            }

            names = table.HasBytes ? ElfFile.ReadAt(stream, (long)table.Offset, (int)table.Size, length, "section name table") : [];
        }

        var sections = new List<ElfSection>(raw.Count);
        foreach (var s in raw)
        {
            var name = nameIndex == 0 || (s.Index == 0 && s.NameOffset == 0) ? "" : ElfByteReader.StringAt(names, s.NameOffset, $"name of section {s.Index}");
            if (LinksToSection(s.Type) && (s.Link == 0 || s.Link >= raw.Count || s.Link == s.Index))
            {
                throw new MalformedInputException($"section {s.Index} ({name}) links to section {s.Link}, which is {(s.Link == s.Index ? "itself" : "not a valid section")}");
            }

            sections.Add(s with { Name = name });
        }

        return sections;
    }

    private static bool LinksToSection(uint type) =>
        type is ElfSection.SymTab or ElfSection.DynSym or ElfSection.Dynamic or ElfSection.Hash or ElfSection.GnuHash or
            ElfSection.GnuVerSym or ElfSection.GnuVerNeed or ElfSection.GnuVerDef or ElfSection.SymTabShndx;

    private static List<ElfSection> ParseSections(byte[] bytes, ElfHeader h, int count)
    {
        var list = new List<ElfSection>(count);
        for (var i = 0; i < count; i++)
        {
            var r = new ElfByteReader(bytes, h.BigEndian, "section header") { Position = i * h.SectionHeaderEntrySize };
            var name = r.U32();
            var type = r.U32();
            var flags = r.Word(h.Is64);
            var address = r.Word(h.Is64);
            var offset = r.Word(h.Is64);
            var size = r.Word(h.Is64);
            var link = r.U32();
            var info = r.U32();
            var align = r.Word(h.Is64);
            var entsize = r.Word(h.Is64);
            list.Add(new ElfSection(i, "", name, type, flags, address, offset, size, link, info, align, entsize));
        }

        return list;
    }
}
