using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Lists the imported DLLs and functions and the exported names of an image, as text. Bad RVAs and absurd counts
/// end the listing with a marker instead of failing: the listing is bounded by <see cref="MaxEntries"/>.
/// </summary>
internal static class NativeDirectories
{
    private const int MaxEntries = 20_000;
    private const int MaxName = 512;

    public static void Compare(PeFile a, PeFile b, DifferenceList diffs)
    {
        diffs.Text("imports", Imports(a), Imports(b));
        var exportsA = Exports(a, out var stampA);
        var exportsB = Exports(b, out var stampB);
        if (stampA != stampB)
        {
            var left = PeCauses.Stamp(stampA, a.Deterministic);
            var right = PeCauses.Stamp(stampB, b.Deterministic);
            diffs.Field("export directory TimeDateStamp", left, right, PeCauses.Stamp("export directory's TimeDateStamp", left, right, a.Deterministic || b.Deterministic));
        }

        diffs.Text("exports", exportsA, exportsB);
    }

    private static string Imports(PeFile file)
    {
        var directory = file.Headers.PEHeader!.ImportTableDirectory;
        var text = new StringBuilder();
        if (directory.Size == 0)
        {
            return "";
        }

        var entries = 0;
        try
        {
            var descriptors = Reader(file, directory.RelativeVirtualAddress);
            var wide = file.Headers.PEHeader.Magic == PEMagic.PE32Plus;
            while (entries < MaxEntries)
            {
                var lookup = descriptors.ReadInt32();
                descriptors.Offset += 8;
                var name = descriptors.ReadInt32();
                var addresses = descriptors.ReadInt32();
                if (lookup == 0 && name == 0 && addresses == 0)
                {
                    break;
                }

                text.Append(String(file, name)).Append('\n');
                entries++;
                var thunks = Reader(file, lookup != 0 ? lookup : addresses);
                while (entries < MaxEntries)
                {
                    var thunk = wide ? thunks.ReadInt64() : thunks.ReadUInt32();
                    if (thunk == 0)
                    {
                        break;
                    }

                    var byOrdinal = wide ? thunk < 0 : (thunk & 0x80000000) != 0;
                    text.Append("  ").Append(byOrdinal ? $"ordinal {thunk & 0xFFFF}" : String(file, (int)(thunk & 0x7FFFFFFF), skip: 2)).Append('\n');
                    entries++;
                }
            }
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            text.Append("<import table truncated or invalid>\n");
        }

        return Bounded(text, entries);
    }

    private static string Exports(PeFile file, out uint stamp)
    {
        stamp = 0;
        var directory = file.Headers.PEHeader!.ExportTableDirectory;
        if (directory.Size == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        var entries = 0;
        try
        {
            var header = Reader(file, directory.RelativeVirtualAddress);
            header.Offset += 4;
            stamp = header.ReadUInt32();
            var version = $"{header.ReadUInt16()}.{header.ReadUInt16()}";
            var name = header.ReadInt32();
            var ordinalBase = header.ReadUInt32();
            var functionCount = header.ReadInt32();
            var nameCount = header.ReadInt32();
            header.Offset += 4;
            var names = header.ReadInt32();
            var ordinals = header.ReadInt32();
            text.Append(CultureInfo.InvariantCulture, $"{String(file, name)} version {version}, {functionCount} functions, {nameCount} names\n");
            var nameTable = Reader(file, names);
            var ordinalTable = Reader(file, ordinals);
            for (var i = 0; i < nameCount && entries < MaxEntries; i++, entries++)
            {
                var nameRva = nameTable.ReadInt32();
                var ordinal = ordinalTable.ReadUInt16() + ordinalBase;
                text.Append(CultureInfo.InvariantCulture, $"  {ordinal,5} {String(file, nameRva)}\n");
            }
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            text.Append("<export table truncated or invalid>\n");
        }

        return Bounded(text, entries);
    }

    private static string Bounded(StringBuilder text, int entries)
    {
        if (entries >= MaxEntries)
        {
            text.Append(CultureInfo.InvariantCulture, $"<listing stopped after {MaxEntries} entries>\n");
        }

        return text.ToString();
    }

    private static BlobReader Reader(PeFile file, int rva)
    {
        var block = rva < 0 ? default : file.Reader.GetSectionData(rva);
        if (block.Length == 0)
        {
            throw new BadImageFormatException($"RVA 0x{rva:x} is outside every section");
        }

        return block.GetReader();
    }

    private static string String(PeFile file, int rva, int skip = 0)
    {
        var block = rva < 0 ? default : file.Reader.GetSectionData(rva);
        if (block.Length <= skip)
        {
            return $"<bad name RVA 0x{rva:x}>";
        }

        var reader = block.GetReader();
        reader.Offset = skip;
        var bytes = new List<byte>();
        while (reader.RemainingBytes > 0 && bytes.Count < MaxName)
        {
            var b = reader.ReadByte();
            if (b == 0)
            {
                break;
            }

            bytes.Add(b);
        }

        return Members.MemberNames.Display(bytes.ToArray());
    }
}
