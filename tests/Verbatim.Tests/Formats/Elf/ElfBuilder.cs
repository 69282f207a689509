using System.Buffers.Binary;
using System.Text;

namespace Verbatim.Tests.Formats.Elf;

/// <summary>
/// Writes small ELF files by hand (32 or 64-bit, little or big endian): a header, the sections' bytes, a section
/// name table and the section header table; section 0 is the null section. For fixtures gcc cannot make here.
/// </summary>
public sealed class ElfBuilder(bool is64, bool bigEndian)
{
    private readonly List<(string Name, uint Type, ulong Flags, byte[] Data, uint Link, ulong EntrySize, ulong Align)> sections = [];

    public ushort Machine { get; init; } = 62;

    /// <summary>Adds a section and returns its index (the null section is 0, so the first added is 1).</summary>
    public int Add(string name, uint type, byte[] data, ulong flags = 0, uint link = 0, ulong entrySize = 0, ulong align = 1)
    {
        sections.Add((name, type, flags, data, link, entrySize, align));
        return sections.Count;
    }

    public int AddNote(string name, string owner, uint type, byte[] desc)
    {
        var nameBytes = Encoding.ASCII.GetBytes(owner + "\0");
        var note = new List<byte>();
        note.AddRange(U32(nameBytes.Length));
        note.AddRange(U32(desc.Length));
        note.AddRange(U32((int)type));
        note.AddRange(Pad(nameBytes));
        note.AddRange(Pad(desc));
        return Add(name, 7, [.. note], flags: 2, align: 4);
    }

    /// <summary>A symbol table entry (st_name, value, size, info, other, shndx) in this class and byte order.</summary>
    public byte[] Symbol(uint name, ulong value, ulong size, byte info, ushort shndx)
    {
        var b = new List<byte>();
        if (is64)
        {
            b.AddRange(U32((int)name));
            b.Add(info);
            b.Add(0);
            b.AddRange(U16(shndx));
            b.AddRange(U64(value));
            b.AddRange(U64(size));
        }
        else
        {
            b.AddRange(U32((int)name));
            b.AddRange(U32((int)value));
            b.AddRange(U32((int)size));
            b.Add(info);
            b.Add(0);
            b.AddRange(U16(shndx));
        }

        return [.. b];
    }

    public byte[] Build()
    {
        var headerSize = is64 ? 64 : 52;
        var entrySize = is64 ? 64 : 40;
        var names = new MemoryStream();
        names.WriteByte(0);
        var nameOffsets = new List<uint>();
        foreach (var name in sections.Select(s => s.Name).Append(".shstrtab"))
        {
            nameOffsets.Add((uint)names.Length);
            var n = Encoding.ASCII.GetBytes(name + "\0");
            names.Write(n);
        }

        var all = sections.Append((Name: ".shstrtab", Type: 3u, Flags: 0UL, Data: names.ToArray(), Link: 0u, EntrySize: 0UL, Align: 1UL)).ToList();
        var body = new MemoryStream();
        body.Write(new byte[headerSize]);
        var offsets = new List<long>();
        foreach (var s in all)
        {
            while (body.Length % 8 != 0)
            {
                body.WriteByte(0);
            }

            offsets.Add(body.Length);
            body.Write(s.Data);
        }

        while (body.Length % 8 != 0)
        {
            body.WriteByte(0);
        }

        var shoff = body.Length;
        body.Write(new byte[entrySize]);
        for (var i = 0; i < all.Count; i++)
        {
            var s = all[i];
            var e = new List<byte>();
            e.AddRange(U32((int)nameOffsets[i]));
            e.AddRange(U32((int)s.Type));
            e.AddRange(Word(s.Flags));
            e.AddRange(Word(0));
            e.AddRange(Word((ulong)offsets[i]));
            e.AddRange(Word((ulong)s.Data.Length));
            e.AddRange(U32((int)s.Link));
            e.AddRange(U32(0));
            e.AddRange(Word(s.Align));
            e.AddRange(Word(s.EntrySize));
            body.Write([.. e]);
        }

        var bytes = body.ToArray();
        var h = new List<byte> { 0x7f, (byte)'E', (byte)'L', (byte)'F', (byte)(is64 ? 2 : 1), (byte)(bigEndian ? 2 : 1), 1, 0 };
        h.AddRange(new byte[8]);
        h.AddRange(U16(1));
        h.AddRange(U16(Machine));
        h.AddRange(U32(1));
        h.AddRange(Word(0));
        h.AddRange(Word(0));
        h.AddRange(Word((ulong)shoff));
        h.AddRange(U32(0));
        h.AddRange(U16((ushort)headerSize));
        h.AddRange(U16(0));
        h.AddRange(U16(0));
        h.AddRange(U16((ushort)entrySize));
        h.AddRange(U16((ushort)(all.Count + 1)));
        h.AddRange(U16((ushort)all.Count));
        h.CopyTo(bytes);
        return bytes;
    }

    /// <summary>Where the section header of <paramref name="index"/> starts in a built file.</summary>
    public long SectionHeaderAt(byte[] built, int index) => (long)ReadWord(built, is64 ? 40 : 32) + (index * (is64 ? 64 : 40));

    /// <summary>Overwrites a 2-, 4- or 8-byte field of a built file in this byte order.</summary>
    public void Patch(byte[] built, long offset, ulong value, int size)
    {
        var span = built.AsSpan((int)offset, size);
        switch (size)
        {
            case 2:
                if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value); else BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
                break;
            case 4:
                if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value); else BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
                break;
            default:
                if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(span, value); else BinaryPrimitives.WriteUInt64LittleEndian(span, value);
                break;
        }
    }

    /// <summary>Size of an address or offset field: 8 in ELF64, 4 in ELF32.</summary>
    public int WordSize => is64 ? 8 : 4;

    private ulong ReadWord(byte[] bytes, int at) => is64
        ? bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at))
        : bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private static byte[] Pad(byte[] data) => [.. data, .. new byte[(4 - (data.Length % 4)) % 4]];

    private byte[] U16(ushort v)
    {
        var b = new byte[2];
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private byte[] U32(int v)
    {
        var b = new byte[4];
        if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(b, v); else BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }

    private byte[] U64(ulong v)
    {
        var b = new byte[8];
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }

    private byte[] Word(ulong v) => is64 ? U64(v) : U32((int)v);
}
