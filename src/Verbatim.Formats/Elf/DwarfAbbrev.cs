using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>Finds one abbreviation declaration in <c>.debug_abbrev</c>: the attributes and forms of an entry.</summary>
internal static class DwarfAbbrev
{
    private const ulong FormImplicitConst = 0x21;
    private const int MaxDeclarations = 1_000_000;
    private const int MaxAttributes = 10_000;

    public static List<(ulong Attribute, ulong Form, long Implicit)> Find(byte[] abbrev, ulong offset, ulong code, bool bigEndian)
    {
        if (offset >= (ulong)abbrev.Length)
        {
            throw new MalformedInputException($".debug_abbrev: offset {offset} is outside the section ({abbrev.Length} bytes)");
        }

        var r = new ElfByteReader(abbrev, bigEndian, ".debug_abbrev") { Position = (int)offset };
        for (var n = 0; n < MaxDeclarations; n++)
        {
            var current = r.Uleb();
            if (current == 0)
            {
                break;
            }

            r.Uleb();
            r.U8();
            var attributes = new List<(ulong, ulong, long)>();
            while (true)
            {
                var attribute = r.Uleb();
                var form = r.Uleb();
                if (attribute == 0 && form == 0)
                {
                    break;
                }

                var implicitValue = form == FormImplicitConst ? r.Sleb() : 0;
                if (attributes.Count >= MaxAttributes)
                {
                    throw new MalformedInputException(".debug_abbrev: too many attributes in one declaration");
                }

                attributes.Add((attribute, form, implicitValue));
            }

            if (current == code)
            {
                return attributes;
            }
        }

        throw new MalformedInputException($".debug_abbrev: abbreviation {code} not found in the table at offset {offset}");
    }
}
