using System.Globalization;
using System.Text;

namespace Verbatim.Formats.Elf;

/// <summary>The ELF header as named fields, and the program and section header tables as text listings (one entry a line).</summary>
internal static class ElfListings
{
    /// <summary>The header's fields, by name, in the order of the header.</summary>
    public static IReadOnlyList<(string Name, string Value)> HeaderFields(ElfHeader h) =>
    [
        ("class", h.Is64 ? "ELF64" : "ELF32"),
        ("data", h.BigEndian ? "big endian" : "little endian"),
        ("identification version", h.IdentVersion.ToString(CultureInfo.InvariantCulture)),
        ("OS/ABI", ElfNames.OsAbi(h.OsAbi)),
        ("ABI version", h.AbiVersion.ToString(CultureInfo.InvariantCulture)),
        ("type", ElfNames.FileType(h.Type)),
        ("machine", ElfNames.Machine(h.Machine)),
        ("version", h.Version.ToString(CultureInfo.InvariantCulture)),
        ("entry point", ElfNames.Hex(h.Entry)),
        ("program headers offset", h.ProgramHeaderOffset.ToString(CultureInfo.InvariantCulture)),
        ("section headers offset", h.SectionHeaderOffset.ToString(CultureInfo.InvariantCulture)),
        ("flags", ElfNames.Hex(h.Flags)),
        ("header size", h.HeaderSize.ToString(CultureInfo.InvariantCulture)),
        ("program header size", h.ProgramHeaderEntrySize.ToString(CultureInfo.InvariantCulture)),
        ("program header count", h.ProgramHeaderCount.ToString(CultureInfo.InvariantCulture)),
        ("section header size", h.SectionHeaderEntrySize.ToString(CultureInfo.InvariantCulture)),
        ("section header count", h.SectionHeaderCount.ToString(CultureInfo.InvariantCulture)),
        ("section name table index", h.SectionNameTableIndex.ToString(CultureInfo.InvariantCulture)),
    ];

    public static string ProgramHeaders(ElfFile file)
    {
        var text = new StringBuilder();
        text.Append("type           offset     vaddr              paddr              filesz     memsz      flags align\n");
        foreach (var p in file.ProgramHeaders)
        {
            text.Append(CultureInfo.InvariantCulture, $"{ElfNames.SegmentType(p.Type),-14} 0x{p.Offset:x8} 0x{p.VirtualAddress:x16} 0x{p.PhysicalAddress:x16} 0x{p.FileSize:x8} 0x{p.MemorySize:x8} {ElfNames.SegmentFlags(p.Type == 0 ? 0 : p.Flags),-5} 0x{p.Alignment:x}\n");
        }

        return text.ToString();
    }

    /// <summary>The section table without file offsets (which only follow from the sizes before them).</summary>
    public static string SectionTable(ElfFile file)
    {
        var text = new StringBuilder();
        text.Append("[nr] name                 type            flags address            size       align entsize link info\n");
        foreach (var s in file.Sections)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{s.Index,2}] {s.Name,-20} {ElfNames.SectionType(s.Type),-15} {ElfNames.SectionFlags(s.Flags),-5} 0x{s.Address:x16} 0x{s.Size:x8} {s.Alignment,5} {s.EntrySize,7} {s.Link,4} {s.Info,4}\n");
        }

        return text.ToString();
    }
}
