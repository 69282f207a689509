using System.Globalization;
using System.Text;

namespace Verbatim.Formats.Elf;

/// <summary>Readable names of ELF constants: OS/ABI, file types, machines, section and segment types, flags.</summary>
internal static class ElfNames
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string OsAbi(byte value) => value switch
    {
        0 => "UNIX - System V",
        1 => "HP-UX",
        2 => "NetBSD",
        3 => "GNU/Linux",
        6 => "Solaris",
        9 => "FreeBSD",
        12 => "OpenBSD",
        97 => "ARM",
        255 => "standalone",
        _ => $"unknown ({value})",
    };

    public static string FileType(ushort value) => value switch
    {
        0 => "NONE",
        1 => "REL (relocatable)",
        2 => "EXEC (executable)",
        3 => "DYN (shared object or position-independent executable)",
        4 => "CORE",
        _ => $"unknown ({Hex(value)})",
    };

    public static string Machine(ushort value) => value switch
    {
        0 => "none",
        2 => "SPARC",
        3 => "Intel 80386",
        8 => "MIPS",
        20 => "PowerPC",
        21 => "PowerPC64",
        22 => "IBM S/390",
        40 => "ARM",
        43 => "SPARC V9",
        50 => "IA-64",
        62 => "x86-64",
        183 => "AArch64",
        243 => "RISC-V",
        258 => "LoongArch",
        _ => $"machine {value}",
    };

    public static string SectionType(uint value) => value switch
    {
        0 => "NULL",
        1 => "PROGBITS",
        2 => "SYMTAB",
        3 => "STRTAB",
        4 => "RELA",
        5 => "HASH",
        6 => "DYNAMIC",
        7 => "NOTE",
        8 => "NOBITS",
        9 => "REL",
        11 => "DYNSYM",
        14 => "INIT_ARRAY",
        15 => "FINI_ARRAY",
        16 => "PREINIT_ARRAY",
        17 => "GROUP",
        18 => "SYMTAB_SHNDX",
        0x6ffffff5 => "GNU_ATTRIBUTES",
        0x6ffffff6 => "GNU_HASH",
        0x6ffffffd => "VERDEF",
        0x6ffffffe => "VERNEED",
        0x6fffffff => "VERSYM",
        0x70000001 => "X86_64_UNWIND",
        _ => Hex(value),
    };

    public static string SectionFlags(ulong value)
    {
        (ulong Bit, char Letter)[] known = [(0x1, 'W'), (0x2, 'A'), (0x4, 'X'), (0x10, 'M'), (0x20, 'S'), (0x40, 'I'), (0x80, 'L'), (0x100, 'O'), (0x200, 'G'), (0x400, 'T'), (0x800, 'C'), (0x80000000, 'E')];
        var text = new StringBuilder();
        var rest = value;
        foreach (var (bit, letter) in known)
        {
            if ((value & bit) != 0)
            {
                text.Append(letter);
                rest &= ~bit;
            }
        }

        if (rest != 0)
        {
            text.Append('+').Append(Hex(rest));
        }

        return text.Length == 0 ? "-" : text.ToString();
    }

    public static string SegmentType(uint value) => value switch
    {
        0 => "NULL",
        1 => "LOAD",
        2 => "DYNAMIC",
        3 => "INTERP",
        4 => "NOTE",
        5 => "SHLIB",
        6 => "PHDR",
        7 => "TLS",
        0x6474e550 => "GNU_EH_FRAME",
        0x6474e551 => "GNU_STACK",
        0x6474e552 => "GNU_RELRO",
        0x6474e553 => "GNU_PROPERTY",
        _ => Hex(value),
    };

    public static string SegmentFlags(uint value) =>
        $"{((value & 4) != 0 ? 'R' : '-')}{((value & 2) != 0 ? 'W' : '-')}{((value & 1) != 0 ? 'X' : '-')}{((value & ~7u) != 0 ? "+" + Hex(value & ~7u) : "")}";

    public static string SymbolType(int value) => value switch
    {
        0 => "NOTYPE",
        1 => "OBJECT",
        2 => "FUNC",
        3 => "SECTION",
        4 => "FILE",
        5 => "COMMON",
        6 => "TLS",
        10 => "IFUNC",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public static string SymbolBinding(int value) => value switch
    {
        0 => "LOCAL",
        1 => "GLOBAL",
        2 => "WEAK",
        10 => "UNIQUE",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public static string SymbolVisibility(int value) => value switch
    {
        0 => "DEFAULT",
        1 => "INTERNAL",
        2 => "HIDDEN",
        _ => "PROTECTED",
    };
}
