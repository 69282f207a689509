namespace Verbatim.Formats.Elf;

/// <summary>One entry of the section header table, with its name resolved from the section name table.</summary>
internal sealed record ElfSection(
    int Index,
    string Name,
    uint NameOffset,
    uint Type,
    ulong Flags,
    ulong Address,
    ulong Offset,
    ulong Size,
    uint Link,
    uint Info,
    ulong Alignment,
    ulong EntrySize)
{
    public const uint Null = 0;
    public const uint ProgBits = 1;
    public const uint SymTab = 2;
    public const uint StrTab = 3;
    public const uint Rela = 4;
    public const uint Hash = 5;
    public const uint Dynamic = 6;
    public const uint Note = 7;
    public const uint NoBits = 8;
    public const uint Rel = 9;
    public const uint DynSym = 11;
    public const uint Group = 17;
    public const uint SymTabShndx = 18;
    public const uint GnuHash = 0x6ffffff6;
    public const uint GnuVerDef = 0x6ffffffd;
    public const uint GnuVerNeed = 0x6ffffffe;
    public const uint GnuVerSym = 0x6fffffff;

    public const ulong FlagCompressed = 0x800;

    /// <summary>Whether the section occupies bytes of the file.</summary>
    public bool HasBytes => Type is not NoBits and not Null && Size > 0;

    public bool IsCompressed => (Flags & FlagCompressed) != 0;
}
