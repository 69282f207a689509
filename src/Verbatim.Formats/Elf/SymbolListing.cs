using System.Globalization;
using System.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// A symbol table (<c>.symtab</c>, <c>.dynsym</c>) as text, one symbol a line sorted by name (then section, type and
/// value), so that a symbol added or moved changes its own line only and not the index of every later one: name,
/// type, binding, visibility, section, size and value. Not cut: the report's size limit bounds the diff.
/// </summary>
internal static class SymbolListing
{
    public static string Render(ReadOnlySpan<byte> table, ReadOnlySpan<byte> strings, ElfFile file, ElfSection section, CancellationToken cancellationToken)
    {
        var (symbols, notRead) = ElfSymbols.Parse(table, strings, file, section, cancellationToken);
        var rows = symbols.Where(s => s.Index > 0).Select(s => (Symbol: s, Section: ElfSymbols.SectionName(file, s.SectionIndex))).ToList();
        rows.Sort((x, y) =>
        {
            var c = string.CompareOrdinal(x.Symbol.Name, y.Symbol.Name);
            c = c != 0 ? c : string.CompareOrdinal(x.Section, y.Section);
            c = c != 0 ? c : x.Symbol.Type.CompareTo(y.Symbol.Type);
            return c != 0 ? c : x.Symbol.Value.CompareTo(y.Symbol.Value);
        });

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rows.Count} symbols, sorted by name\n");
        text.Append("name | type bind vis | section | size | value\n");
        foreach (var (s, sectionName) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(s.Name.Length == 0 ? "(no name)" : s.Name)} | {ElfNames.SymbolType(s.Type)} {ElfNames.SymbolBinding(s.Binding)} {ElfNames.SymbolVisibility(s.Visibility)} | {sectionName} | {s.Size} | 0x{s.Value:x}\n");
        }

        if (notRead > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"… {notRead} more symbols not read\n");
        }

        return text.ToString();
    }
}
