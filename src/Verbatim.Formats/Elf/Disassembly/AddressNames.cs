using System.Globalization;
using Iced.Intel;

namespace Verbatim.Formats.Elf.Disassembly;

/// <summary>
/// Names the addresses an instruction refers to (branch targets, RIP-relative data), so that the instruction text
/// does not change when the code before it grew: a target inside the function being shown is relative to the
/// instruction (<c>.+0x1a</c>), one at a symbol is <c>symbol+offset</c> (a PLT entry is <c>name@plt</c>), any other
/// is relative to its section (<c>.rodata+0x40</c>). Immediates are left as numbers.
/// </summary>
internal sealed class AddressNames : ISymbolResolver
{
    private readonly (ulong Start, ulong End, string Name)[] symbols;
    private readonly (ulong Start, ulong End, string Name)[] sections;

    public AddressNames(IEnumerable<(ulong Start, ulong End, string Name)> symbols, IEnumerable<(ulong Start, ulong End, string Name)> sections)
    {
        this.symbols = [.. symbols.OrderBy(s => s.Start).ThenBy(s => s.Name, StringComparer.Ordinal)];
        this.sections = [.. sections.OrderBy(s => s.Start)];
    }

    /// <summary>The function being shown: targets inside it are written relative to the instruction.</summary>
    public (ulong Start, ulong End) Current { get; set; }

    public bool TryGetSymbol(in Instruction instruction, int operand, int instructionOperand, ulong address, int addressSize, out SymbolResult symbol)
    {
        symbol = default;
        if (instructionOperand < 0)
        {
            return false;
        }

        var kind = instruction.GetOpKind(instructionOperand);
        var branch = kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64;
        var ipRelative = kind == OpKind.Memory && instruction.IsIPRelativeMemoryOperand;
        if (!branch && !ipRelative)
        {
            return false;
        }

        symbol = new SymbolResult(address, Name(address, instruction.IP, branch));
        return true;
    }

    public string Name(ulong address, ulong from, bool branch)
    {
        if (branch && address >= Current.Start && address < Current.End)
        {
            return address >= from ? Hex(".+", address - from) : Hex(".-", from - address);
        }

        if (Find(symbols, address) is { } s)
        {
            return address == s.Start ? s.Name : Hex(s.Name + "+", address - s.Start);
        }

        if (Find(sections, address) is { } section)
        {
            return Hex(section.Name + "+", address - section.Start);
        }

        return Hex("", address);
    }

    private static (ulong Start, ulong End, string Name)? Find((ulong Start, ulong End, string Name)[] ranges, ulong address)
    {
        int lo = 0, hi = ranges.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].Start <= address)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Walk back over ranges that start at or before it: the nearest one that contains it.
        for (var i = found; i >= 0 && found - i < 8; i--)
        {
            if (address < ranges[i].End || (address == ranges[i].Start && ranges[i].End == ranges[i].Start))
            {
                return ranges[i];
            }
        }

        return null;
    }

    private static string Hex(string prefix, ulong value) => prefix + "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
