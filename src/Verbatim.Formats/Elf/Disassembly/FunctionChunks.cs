namespace Verbatim.Formats.Elf.Disassembly;

/// <summary>A named range of a code section: a function (from the symbol table) or the code between functions.</summary>
internal sealed record CodeChunk(string Name, ulong Start, ulong End);

/// <summary>
/// Splits a code section into functions by its function symbols (one name per address: a global one first), with
/// the code before, between and after them as chunks named after the function they follow. A section without
/// function symbols (a stripped file, <c>.plt</c>) is one chunk.
/// </summary>
internal static class FunctionChunks
{
    public static List<CodeChunk> Split(ElfSection section, IReadOnlyList<ElfSymbol> symbols)
    {
        var start = section.Address;
        var end = section.Address + section.Size;
        var functions = symbols
            .Where(s => s.Type == ElfSymbol.Function && s.SectionIndex == section.Index && s.Value >= start && s.Value < end && s.Name.Length > 0)
            .GroupBy(s => s.Value)
            .Select(g => g.OrderBy(s => s.Binding == 0 ? 1 : 0).ThenBy(s => s.Name, StringComparer.Ordinal).First())
            .OrderBy(s => s.Value)
            .ToList();

        var chunks = new List<CodeChunk>();
        var at = start;
        var previous = "(start of section)";
        for (var i = 0; i < functions.Count; i++)
        {
            var f = functions[i];
            if (f.Value < at)
            {
                continue; // Inside the previous function (a nested label): part of it.
            }

            var next = i + 1 < functions.Count ? functions[i + 1].Value : end;
            var stop = f.Size == 0 ? next : Math.Min(end, f.Value + f.Size);
            if (f.Value > at)
            {
                chunks.Add(new CodeChunk(previous == "(start of section)" ? previous : $"(after {previous})", at, f.Value));
            }

            chunks.Add(new CodeChunk(f.Name, f.Value, stop));
            at = stop;
            previous = f.Name;
        }

        if (at < end)
        {
            chunks.Add(new CodeChunk(functions.Count == 0 ? "(whole section)" : $"(after {previous})", at, end));
        }

        return chunks;
    }
}
