using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Decodes the notes of a SHT_NOTE section: GNU build-id, ABI tag, GNU properties, gold version, the FDO package
/// metadata (<c>.note.package</c>, JSON) and, for other notes, their owner, type and bytes in hex.
/// </summary>
internal static class ElfNotes
{
    public const uint GnuAbiTag = 1;
    public const uint GnuBuildId = 3;
    public const uint GnuGoldVersion = 4;
    public const uint GnuPropertyType0 = 5;
    public const uint FdoPackagingMetadata = 0xcafe1a7e;

    private const int MaxNotes = 10_000;
    private const int MaxShownBytes = 256;

    public static List<ElfNote> Parse(ReadOnlySpan<byte> bytes, ElfHeader header, ElfSection section)
    {
        var align = section.Alignment == 8 ? 8 : 4;
        var r = new ElfByteReader(bytes, header.BigEndian, $"note section {section.Name}");
        var notes = new List<ElfNote>();
        while (r.Remaining > 0)
        {
            if (notes.Count >= MaxNotes)
            {
                throw new MalformedInputException($"note section {section.Name} holds more than {MaxNotes} notes");
            }

            var nameSize = r.U32();
            var descSize = r.U32();
            var type = r.U32();
            var name = r.Take(nameSize);
            r.Skip(Pad(r.Position, align, r.Remaining));
            var desc = r.Take(descSize);
            r.Skip(Pad(r.Position, align, r.Remaining));
            var owner = ElfByteReader.Decode(name.TrimEnd((byte)0));
            notes.Add(Decode(owner, type, desc, header));
        }

        return notes;
    }

    private static int Pad(int position, int align, int remaining) => Math.Min((align - (position % align)) % align, remaining);

    private static ElfNote Decode(string owner, uint type, ReadOnlySpan<byte> desc, ElfHeader header)
    {
        if (owner == "GNU")
        {
            switch (type)
            {
                case GnuBuildId:
                    return new ElfNote(owner, type, "build-id", Convert.ToHexStringLower(desc));
                case GnuAbiTag when desc.Length >= 16:
                    var r = new ElfByteReader(desc, header.BigEndian, "ABI tag note");
                    var os = r.U32() switch
                    {
                        0 => "GNU/Linux",
                        1 => "GNU/Hurd",
                        2 => "Solaris",
                        3 => "FreeBSD",
                        var other => $"OS {other}",
                    };
                    return new ElfNote(owner, type, "ABI tag", $"{os} {r.U32()}.{r.U32()}.{r.U32()}");
                case GnuGoldVersion:
                    return new ElfNote(owner, type, "gold version", ElfByteReader.Decode(desc.TrimEnd((byte)0)));
                case GnuPropertyType0:
                    return new ElfNote(owner, type, "GNU properties", Properties(desc, header));
            }
        }

        if (owner == "FDO" && type == FdoPackagingMetadata)
        {
            return new ElfNote(owner, type, "package metadata", ElfByteReader.Decode(desc.TrimEnd((byte)0)));
        }

        var shown = Convert.ToHexStringLower(desc[..Math.Min(desc.Length, MaxShownBytes)]) + (desc.Length > MaxShownBytes ? $"… ({desc.Length} bytes)" : "");
        return new ElfNote(owner, type, $"{(owner.Length == 0 ? "note" : owner)} note type {ElfNames.Hex(type)}", shown);
    }

    private static string Properties(ReadOnlySpan<byte> desc, ElfHeader header)
    {
        var align = header.Is64 ? 8 : 4;
        var r = new ElfByteReader(desc, header.BigEndian, "GNU property note");
        var text = new StringBuilder();
        while (r.Remaining >= 8)
        {
            var type = r.U32();
            var size = r.U32();
            var data = r.Take(size);
            r.Skip(Pad(r.Position, align, r.Remaining));
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(PropertyName(type)).Append('=');
            text.Append(data.Length == 4 ? ElfNames.Hex(new ElfByteReader(data, header.BigEndian, "GNU property").U32()) : Convert.ToHexStringLower(data[..Math.Min(data.Length, 64)]));
        }

        return text.ToString();
    }

    private static string PropertyName(uint type) => type switch
    {
        1 => "stack size",
        2 => "no copy on protected",
        0xc0000000 => "AArch64 feature 1 and",
        0xc0000002 => "x86 feature 1 and",
        0xc0008002 => "x86 ISA needed",
        0xc0010001 => "x86 feature 2 used",
        0xc0010002 => "x86 ISA used",
        _ => "property " + type.ToString("x", CultureInfo.InvariantCulture),
    };
}
