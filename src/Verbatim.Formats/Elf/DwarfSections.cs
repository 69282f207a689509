namespace Verbatim.Formats.Elf;

/// <summary>The (decompressed) DWARF sections that compile unit headers and their strings are read from.</summary>
internal sealed record DwarfSections(byte[] Info, byte[] Abbrev, byte[] Str, byte[] LineStr, byte[] StrOffsets, bool BigEndian);
