using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// An ELF file (32 or 64-bit, either byte order) read from its content: the header, program headers and section
/// headers, every offset, size, count and name index checked against the file. Section bytes are read on demand
/// through one open stream. Throws <see cref="MalformedInputException"/> on anything out of bounds.
/// </summary>
internal sealed class ElfFile : IDisposable
{
    internal const ushort ExtendedNumbering = 0xffff;
    internal const int MaxTableBytes = 64 << 20;

    private readonly Stream stream;

    private ElfFile(IContent content, Stream stream, ElfHeader header, IReadOnlyList<ElfProgramHeader> programs, IReadOnlyList<ElfSection> sections)
    {
        Content = content;
        this.stream = stream;
        Header = header;
        ProgramHeaders = programs;
        Sections = sections;
    }

    public IContent Content { get; }

    public ElfHeader Header { get; }

    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    public long Length => Content.Length;

    public static ElfFile Read(IContent content)
    {
        var stream = content.Open();
        try
        {
            var header = ReadHeader(stream, content.Length);
            var sections = ElfSectionTable.Read(stream, content.Length, header, out var programCount);
            var programs = ReadProgramHeaders(stream, content.Length, header, programCount);
            return new ElfFile(content, stream, header, programs, sections);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of a section as stored in the file (still compressed when it is), at most <paramref name="max"/> of them.</summary>
    public byte[] ReadRaw(ElfSection section, long max)
    {
        if (!section.HasBytes)
        {
            return [];
        }

        if ((long)section.Size > max)
        {
            throw new LimitExceededException($"section {section.Name} is {section.Size} bytes, more than the {max} bytes read for decoding");
        }

        return ReadAt(stream, (long)section.Offset, (int)section.Size, Length, $"section {section.Name}");
    }

    /// <summary>Whether two ranges of two files hold the same bytes, read in chunks.</summary>
    public static bool RangesEqual(ElfFile a, long offsetA, ElfFile b, long offsetB, long length, CancellationToken cancellationToken)
    {
        var chunk = (int)Math.Min(1 << 20, Math.Max(length, 1));
        var ba = new byte[chunk];
        var bb = new byte[chunk];
        a.stream.Position = offsetA;
        b.stream.Position = offsetB;
        while (length > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(chunk, length);
            a.stream.ReadExactly(ba, 0, n);
            b.stream.ReadExactly(bb, 0, n);
            if (!ba.AsSpan(0, n).SequenceEqual(bb.AsSpan(0, n)))
            {
                return false;
            }

            length -= n;
        }

        return true;
    }

    public void Dispose() => stream.Dispose();

    private static ElfHeader ReadHeader(Stream stream, long length)
    {
        if (length < 16)
        {
            throw new MalformedInputException("truncated ELF identification");
        }

        var ident = ReadAt(stream, 0, 16, length, "ELF identification");
        var is64 = ident[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new MalformedInputException($"unknown ELF class {ident[4]}"),
        };
        var bigEndian = ident[5] switch
        {
            1 => false,
            2 => true,
            _ => throw new MalformedInputException($"unknown ELF data encoding {ident[5]}"),
        };
        var size = is64 ? 64 : 52;
        if (length < size)
        {
            throw new MalformedInputException($"truncated ELF header ({length} of {size} bytes)");
        }

        var bytes = ReadAt(stream, 0, size, length, "ELF header");
        var r = new ElfByteReader(bytes, bigEndian, "ELF header") { Position = 16 };
        return new ElfHeader(
            is64,
            bigEndian,
            ident[6],
            ident[7],
            ident[8],
            Type: r.U16(),
            Machine: r.U16(),
            Version: r.U32(),
            Entry: r.Word(is64),
            ProgramHeaderOffset: r.Word(is64),
            SectionHeaderOffset: r.Word(is64),
            Flags: r.U32(),
            HeaderSize: r.U16(),
            ProgramHeaderEntrySize: r.U16(),
            ProgramHeaderCount: r.U16(),
            SectionHeaderEntrySize: r.U16(),
            SectionHeaderCount: r.U16(),
            SectionNameTableIndex: r.U16());
    }

    private static List<ElfProgramHeader> ReadProgramHeaders(Stream stream, long length, ElfHeader h, long count)
    {
        if (count == 0)
        {
            return [];
        }

        var entry = h.Is64 ? 56 : 32;
        if (h.ProgramHeaderEntrySize < entry)
        {
            throw new MalformedInputException($"program header entry size {h.ProgramHeaderEntrySize} is smaller than {entry}");
        }

        var bytes = ReadTable(stream, length, h.ProgramHeaderOffset, count, h.ProgramHeaderEntrySize, "program header table");
        var list = new List<ElfProgramHeader>((int)count);
        for (var i = 0; i < count; i++)
        {
            var r = new ElfByteReader(bytes, h.BigEndian, "program header") { Position = i * h.ProgramHeaderEntrySize };
            if (h.Is64)
            {
                var type = r.U32();
                var flags = r.U32();
                list.Add(new ElfProgramHeader(type, flags, r.U64(), r.U64(), r.U64(), r.U64(), r.U64(), r.U64()));
            }
            else
            {
                var type = r.U32();
                var offset = r.U32();
                var vaddr = r.U32();
                var paddr = r.U32();
                var filesz = r.U32();
                var memsz = r.U32();
                var flags = r.U32();
                list.Add(new ElfProgramHeader(type, flags, offset, vaddr, paddr, filesz, memsz, r.U32()));
            }
        }

        return list;
    }

    internal static byte[] ReadTable(Stream stream, long length, ulong offset, long count, int entrySize, string what)
    {
        if (count <= 0)
        {
            return [];
        }

        var bytes = (ulong)count * (ulong)entrySize;
        if ((ulong)count > (ulong)length || offset > (ulong)length || bytes > (ulong)length - offset)
        {
            throw new MalformedInputException($"{what} ({count} entries of {entrySize} bytes at offset {offset}) extends past the end of the file ({length} bytes)");
        }

        if (bytes > MaxTableBytes)
        {
            throw new MalformedInputException($"{what} of {bytes} bytes is too large");
        }

        return ReadAt(stream, (long)offset, (int)bytes, length, what);
    }

    internal static byte[] ReadAt(Stream stream, long offset, int count, long length, string what)
    {
        if (offset < 0 || count < 0 || offset > length - count)
        {
            throw new MalformedInputException($"{what} extends past the end of the file");
        }

        var buffer = new byte[count];
        stream.Position = offset;
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new MalformedInputException($"{what}: truncated", e);
        }

        return buffer;
    }
}
