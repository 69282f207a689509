using System.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The <c>.dynamic</c> section decoded as text, one entry a line (<c>NEEDED libc.so.6</c>, <c>RUNPATH /build/lib</c>,
/// <c>FLAGS 0x8</c>), strings read from the linked string table; and the search paths it names.
/// </summary>
internal static class DynamicListing
{
    private const int MaxEntries = 100_000;

    public static (string Text, string Paths) Render(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> strings, ElfHeader h, string name)
    {
        var r = new ElfByteReader(bytes, h.BigEndian, $"dynamic section {name}");
        var size = h.Is64 ? 16 : 8;
        var text = new StringBuilder();
        var paths = new StringBuilder();
        for (var i = 0; r.Remaining >= size && i < MaxEntries; i++)
        {
            var tag = r.Word(h.Is64);
            var value = r.Word(h.Is64);
            if (tag == 0)
            {
                break;
            }

            var (label, isString) = Tag(tag);
            var shown = isString ? ElfByteReader.StringAt(strings, value, $"{label} entry of {name}") : Value(tag, value);
            text.Append(label).Append(' ').Append(shown).Append('\n');
            if (tag is 15 or 29)
            {
                paths.Append(label).Append(' ').Append(shown).Append('\n');
            }
        }

        return (text.ToString(), paths.ToString());
    }

    private static (string Label, bool IsString) Tag(ulong tag) => tag switch
    {
        1 => ("NEEDED", true),
        2 => ("PLTRELSZ", false),
        3 => ("PLTGOT", false),
        4 => ("HASH", false),
        5 => ("STRTAB", false),
        6 => ("SYMTAB", false),
        7 => ("RELA", false),
        8 => ("RELASZ", false),
        9 => ("RELAENT", false),
        10 => ("STRSZ", false),
        11 => ("SYMENT", false),
        12 => ("INIT", false),
        13 => ("FINI", false),
        14 => ("SONAME", true),
        15 => ("RPATH", true),
        16 => ("SYMBOLIC", false),
        17 => ("REL", false),
        18 => ("RELSZ", false),
        19 => ("RELENT", false),
        20 => ("PLTREL", false),
        21 => ("DEBUG", false),
        22 => ("TEXTREL", false),
        23 => ("JMPREL", false),
        24 => ("BIND_NOW", false),
        25 => ("INIT_ARRAY", false),
        26 => ("FINI_ARRAY", false),
        27 => ("INIT_ARRAYSZ", false),
        28 => ("FINI_ARRAYSZ", false),
        29 => ("RUNPATH", true),
        30 => ("FLAGS", false),
        0x6ffffef5 => ("GNU_HASH", false),
        0x6ffffff0 => ("VERSYM", false),
        0x6ffffff9 => ("RELACOUNT", false),
        0x6ffffffa => ("RELCOUNT", false),
        0x6ffffffb => ("FLAGS_1", false),
        0x6ffffffe => ("VERNEED", false),
        0x6fffffff => ("VERNEEDNUM", false),
        0x7ffffffd => ("AUXILIARY", true),
        0x7fffffff => ("FILTER", true),
        _ => ("tag " + ElfNames.Hex(tag), false),
    };

    private static string Value(ulong tag, ulong value) => tag switch
    {
        30 => ElfNames.Hex(value) + Flags(value, ["ORIGIN", "SYMBOLIC", "TEXTREL", "BIND_NOW", "STATIC_TLS"]),
        0x6ffffffb => ElfNames.Hex(value) + Flags(value, ["NOW", "GLOBAL", "GROUP", "NODELETE", "LOADFLTR", "INITFIRST", "NOOPEN", "ORIGIN", "DIRECT", "TRANS", "INTERPOSE", "NODEFLIB", "NODUMP", "CONFALT", "ENDFILTEE", "DISPRELDNE", "DISPRELPND", "NODIRECT", "IGNMULDEF", "NOKSYMS", "NOHDR", "EDITED", "NORELOC", "SYMINTPOSE", "GLOBAUDIT", "SINGLETON", "STUB", "PIE"]),
        _ => ElfNames.Hex(value),
    };

    private static string Flags(ulong value, string[] names)
    {
        var set = Enumerable.Range(0, names.Length).Where(bit => (value & (1UL << bit)) != 0).Select(bit => names[bit]).ToList();
        return set.Count == 0 ? "" : " (" + string.Join(' ', set) + ")";
    }
}
