namespace Verbatim.Formats.Elf;

/// <summary>One entry of the program header table (a segment).</summary>
internal sealed record ElfProgramHeader(
    uint Type,
    uint Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong PhysicalAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Alignment);
