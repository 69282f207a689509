using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Reads the compile unit headers of <c>.debug_info</c> (DWARF 2 to 5, 32 and 64-bit) and the attributes of each
/// unit's first entry with <c>.debug_abbrev</c>: DW_AT_producer, DW_AT_name and DW_AT_comp_dir, with strings from
/// the entry itself, <c>.debug_str</c>, <c>.debug_line_str</c> or, through <c>.debug_str_offsets</c>, string indexes.
/// </summary>
internal static class DwarfUnits
{
    public const int MaxUnits = 100_000;

    private const ulong AtName = 0x03;
    private const ulong AtCompDir = 0x1b;
    private const ulong AtProducer = 0x25;
    private const ulong AtStrOffsetsBase = 0x72;

    public static List<DwarfCompileUnit> Read(DwarfSections d, CancellationToken cancellationToken)
    {
        var units = new List<DwarfCompileUnit>();
        var abbreviations = new Dictionary<(ulong Offset, ulong Code), List<(ulong, ulong, long)>>();
        var r = new ElfByteReader(d.Info, d.BigEndian, ".debug_info");
        while (r.Remaining > 0 && units.Count < MaxUnits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = (ulong)r.Position;
            ulong length = r.U32();
            var wide = false;
            if (length == 0xffffffff)
            {
                wide = true;
                length = r.U64();
            }
            else if (length >= 0xfffffff0)
            {
                throw new MalformedInputException($".debug_info: reserved unit length {length:x} at offset {start}");
            }

            if (length > (ulong)r.Remaining)
            {
                throw new MalformedInputException($".debug_info: unit at offset {start} is {length} bytes, past the end of the section");
            }

            var end = r.Position + (int)length;
            var unit = new ElfByteReader(d.Info.AsSpan(0, end), d.BigEndian, ".debug_info") { Position = r.Position };
            units.Add(ReadUnit(ref unit, start, wide, d, abbreviations));
            r.Position = end;
        }

        return units;
    }

    private static DwarfCompileUnit ReadUnit(ref ElfByteReader r, ulong start, bool wide, DwarfSections d, Dictionary<(ulong Offset, ulong Code), List<(ulong, ulong, long)>> abbreviations)
    {
        var version = r.U16();
        if (version is < 2 or > 5)
        {
            throw new MalformedInputException($".debug_info: unit at offset {start} has unsupported DWARF version {version}");
        }

        ulong abbrevOffset;
        int addressSize;
        if (version == 5)
        {
            var unitType = r.U8();
            addressSize = r.U8();
            abbrevOffset = r.Word(wide);
            r.Skip(unitType switch
            {
                4 or 5 => 8,
                2 or 6 => 8 + (wide ? 8 : 4),
                _ => 0,
            });
        }
        else
        {
            abbrevOffset = r.Word(wide);
            addressSize = r.U8();
        }

        if (r.Remaining == 0)
        {
            return new DwarfCompileUnit(start, version, null, null, null);
        }

        var code = r.Uleb();
        if (code == 0)
        {
            return new DwarfCompileUnit(start, version, null, null, null);
        }

        if (!abbreviations.TryGetValue((abbrevOffset, code), out var attributes))
        {
            attributes = abbreviations[(abbrevOffset, code)] = DwarfAbbrev.Find(d.Abbrev, abbrevOffset, code, d.BigEndian);
        }

        var form = new DwarfForms(version, wide, addressSize, d);
        var values = new Dictionary<ulong, DwarfValue>();
        foreach (var (attribute, formCode, implicitValue) in attributes)
        {
            var value = form.Read(ref r, formCode, implicitValue);
            if (attribute is AtName or AtCompDir or AtProducer or AtStrOffsetsBase)
            {
                values.TryAdd(attribute, value);
            }
        }

        var strOffsetsBase = values.TryGetValue(AtStrOffsetsBase, out var b) ? b.Number : (ulong)(wide ? 16 : 8);
        return new DwarfCompileUnit(start, version, Text(AtProducer), Text(AtName), Text(AtCompDir));

        string? Text(ulong attribute) => values.TryGetValue(attribute, out var v) ? form.Resolve(v, strOffsetsBase) : null;
    }
}
