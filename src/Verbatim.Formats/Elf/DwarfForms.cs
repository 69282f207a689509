using System.Buffers.Binary;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Reads (or skips) an attribute value of any DWARF 2–5 form (and the GNU extensions), and resolves string forms
/// against <c>.debug_str</c>, <c>.debug_line_str</c> and <c>.debug_str_offsets</c>.
/// </summary>
internal sealed class DwarfForms(int version, bool wide, int addressSize, DwarfSections sections)
{
    private const int MaxIndirections = 8;

    private int OffsetSize => wide ? 8 : 4;

    public DwarfValue Read(ref ElfByteReader r, ulong form, long implicitValue, int depth = 0)
    {
        switch (form)
        {
            case 0x01: return Number(r.Sized(addressSize));
            case 0x03: r.Skip(r.U16()); return Other();
            case 0x04: r.Skip(r.U32()); return Other();
            case 0x05: return Number(r.U16());
            case 0x06: return Number(r.U32());
            case 0x07: return Number(r.U64());
            case 0x08: return new DwarfValue(DwarfValueKind.Inline, 0, r.CString());
            case 0x09: r.Skip((long)Math.Min(r.Uleb(), int.MaxValue)); return Other();
            case 0x0a: r.Skip(r.U8()); return Other();
            case 0x0b: return Number(r.U8());
            case 0x0c: return Number(r.U8());
            case 0x0d: return Number((ulong)r.Sleb());
            case 0x0e: return new DwarfValue(DwarfValueKind.Str, r.Word(wide));
            case 0x0f: return Number(r.Uleb());
            case 0x10: return Number(version <= 2 ? r.Sized(addressSize) : r.Word(wide));
            case 0x11: return Number(r.U8());
            case 0x12: return Number(r.U16());
            case 0x13: return Number(r.U32());
            case 0x14: return Number(r.U64());
            case 0x15: return Number(r.Uleb());
            case 0x16:
                if (depth >= MaxIndirections)
                {
                    throw new MalformedInputException(".debug_info: too many DW_FORM_indirect in a row");
                }

                return Read(ref r, r.Uleb(), implicitValue, depth + 1);
            case 0x17: return Number(r.Word(wide));
            case 0x18: r.Skip((long)Math.Min(r.Uleb(), int.MaxValue)); return Other();
            case 0x19: return Number(1);
            case 0x1a: return new DwarfValue(DwarfValueKind.StrIndex, r.Uleb());
            case 0x1b: return Number(r.Uleb());
            case 0x1c: return Number(r.U32());
            case 0x1d: r.Word(wide); return Other();
            case 0x1e: r.Skip(16); return Other();
            case 0x1f: return new DwarfValue(DwarfValueKind.LineStr, r.Word(wide));
            case 0x20: return Number(r.U64());
            case 0x21: return Number((ulong)implicitValue);
            case 0x22: return Number(r.Uleb());
            case 0x23: return Number(r.Uleb());
            case 0x24: return Number(r.U64());
            case 0x25: return new DwarfValue(DwarfValueKind.StrIndex, r.U8());
            case 0x26: return new DwarfValue(DwarfValueKind.StrIndex, r.U16());
            case 0x27: return new DwarfValue(DwarfValueKind.StrIndex, r.U24());
            case 0x28: return new DwarfValue(DwarfValueKind.StrIndex, r.U32());
            case 0x29: return Number(r.U8());
            case 0x2a: return Number(r.U16());
            case 0x2b: return Number(r.U24());
            case 0x2c: return Number(r.U32());
            case 0x1f01: return Number(r.Uleb());
            case 0x1f02: return new DwarfValue(DwarfValueKind.StrIndex, r.Uleb());
            case 0x1f20: return Number(r.Word(wide));
            case 0x1f21: r.Word(wide); return Other();
            default: throw new MalformedInputException($".debug_info: unknown attribute form 0x{form:x}");
        }
    }

    /// <summary>The string a value names, or its number in hex; null for values that are neither.</summary>
    public string? Resolve(DwarfValue value, ulong strOffsetsBase) => value.Kind switch
    {
        DwarfValueKind.Inline => value.Text,
        DwarfValueKind.Str => ElfByteReader.StringAt(sections.Str, value.Number, "DW_FORM_strp"),
        DwarfValueKind.LineStr => ElfByteReader.StringAt(sections.LineStr, value.Number, "DW_FORM_line_strp"),
        DwarfValueKind.StrIndex => ElfByteReader.StringAt(sections.Str, StrOffset(value.Number, strOffsetsBase), "DW_FORM_strx"),
        DwarfValueKind.Number => ElfNames.Hex(value.Number),
        _ => null,
    };

    private ulong StrOffset(ulong index, ulong strOffsetsBase)
    {
        var table = sections.StrOffsets;
        var size = (ulong)OffsetSize;
        var length = (ulong)table.Length;
        if (strOffsetsBase > length || index >= (length - strOffsetsBase) / size)
        {
            throw new MalformedInputException($".debug_str_offsets: string index {index} is outside the table");
        }

        var at = table.AsSpan((int)(strOffsetsBase + (index * (ulong)OffsetSize)), OffsetSize);
        return wide
            ? sections.BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(at) : BinaryPrimitives.ReadUInt64LittleEndian(at)
            : sections.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at);
    }

    private static DwarfValue Number(ulong value) => new(DwarfValueKind.Number, value);

    private static DwarfValue Other() => new(DwarfValueKind.Other, 0);
}
