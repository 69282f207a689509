namespace Verbatim.Formats.Elf;

/// <summary>The fields of an ELF file header (identification and e_* fields), decoded from either class and byte order.</summary>
internal sealed record ElfHeader(
    bool Is64,
    bool BigEndian,
    byte IdentVersion,
    byte OsAbi,
    byte AbiVersion,
    ushort Type,
    ushort Machine,
    uint Version,
    ulong Entry,
    ulong ProgramHeaderOffset,
    ulong SectionHeaderOffset,
    uint Flags,
    ushort HeaderSize,
    ushort ProgramHeaderEntrySize,
    ushort ProgramHeaderCount,
    ushort SectionHeaderEntrySize,
    ushort SectionHeaderCount,
    ushort SectionNameTableIndex);
