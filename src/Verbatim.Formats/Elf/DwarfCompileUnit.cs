namespace Verbatim.Formats.Elf;

/// <summary>The identifying attributes of one DWARF compile unit: who produced it, from which file, in which directory.</summary>
internal sealed record DwarfCompileUnit(ulong Offset, int Version, string? Producer, string? Name, string? CompDir);
