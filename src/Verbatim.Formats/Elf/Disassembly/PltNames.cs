using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf.Disassembly;

/// <summary>
/// The names of the PLT entries of an x86-64 file (<c>name@plt</c>): entry <c>i</c> jumps through the GOT slot of
/// the <c>i</c>-th <c>R_X86_64_JUMP_SLOT</c> relocation of <c>.rela.plt</c>, whose symbol is in <c>.dynsym</c>.
/// With <c>.plt.sec</c> (IBT) the entries are there, 16 bytes each; else in <c>.plt</c> after its 16-byte header.
/// </summary>
internal static class PltNames
{
    private const ulong EntrySize = 16;

    public static List<(ulong Start, ulong End, string Name)> Read(ElfFile file, CancellationToken cancellationToken)
    {
        var names = new List<(ulong, ulong, string)>();
        var rela = file.Sections.FirstOrDefault(s => s.Name == ".rela.plt" && s.Type == ElfSection.Rela && s.HasBytes);
        var plt = file.Sections.FirstOrDefault(s => s.Name == ".plt.sec" && s.HasBytes) ?? file.Sections.FirstOrDefault(s => s.Name == ".plt" && s.HasBytes);
        if (!file.Header.Is64 || rela is null || plt is null || rela.Link >= file.Sections.Count)
        {
            return names;
        }

        try
        {
            var dynsym = file.Sections[(int)rela.Link];
            if (dynsym.Type != ElfSection.DynSym || dynsym.Link >= file.Sections.Count)
            {
                return names;
            }

            var symbols = ElfSymbols.Parse(SectionData.Load(file, dynsym), SectionData.Load(file, file.Sections[(int)dynsym.Link]), file, dynsym, cancellationToken).Symbols;
            var relocations = SectionData.Load(file, rela);
            var first = plt.Name == ".plt.sec" ? plt.Address : plt.Address + EntrySize;
            for (var i = 0; i + 24 <= relocations.Length; i += 24)
            {
                var r = new ElfByteReader(relocations, file.Header.BigEndian, "relocations .rela.plt") { Position = i + 8 };
                var info = r.U64();
                var symbol = (int)(info >> 32);
                if ((info & 0xffffffff) != 7 || symbol >= symbols.Count)
                {
                    continue; // Not R_X86_64_JUMP_SLOT (e.g. an IRELATIVE slot): no name.
                }

                var start = first + ((ulong)(i / 24) * EntrySize);
                names.Add((start, start + EntrySize, symbols[symbol].Name + "@plt"));
            }
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException)
        {
            names.Clear();
        }

        return names;
    }
}
