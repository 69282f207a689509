using System.Buffers.Binary;
using System.IO.Compression;
using Verbatim.Core.Compression;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// A section's bytes for decoding, decompressed when the section is compressed (SHF_COMPRESSED with an Elf_Chdr,
/// zlib or zstd; or a legacy <c>.zdebug*</c> section), never expanding past a size limit.
/// </summary>
internal static class SectionData
{
    /// <summary>Sections (compressed or decompressed) larger than this are compared as bytes only.</summary>
    public const long MaxDecodedBytes = 64L << 20;

    /// <summary>How the section was stored, e.g. <c>zlib (SHF_COMPRESSED)</c>, or null when stored as is.</summary>
    public static string? Compression(ElfSection section) =>
        section.IsCompressed ? "SHF_COMPRESSED" : IsLegacyCompressed(section) ? "zlib (.zdebug)" : null;

    public static bool IsLegacyCompressed(ElfSection section) => section.Name.StartsWith(".zdebug", StringComparison.Ordinal);

    /// <summary>The name the section has once decompressed (<c>.zdebug_info</c> is <c>.debug_info</c>).</summary>
    public static string LogicalName(ElfSection section) =>
        IsLegacyCompressed(section) ? "." + section.Name[2..] : section.Name;

    public static byte[] Load(ElfFile file, ElfSection section)
    {
        var raw = file.ReadRaw(section, MaxDecodedBytes);
        if (section.IsCompressed)
        {
            return FromChdr(raw, file.Header, section.Name);
        }

        if (IsLegacyCompressed(section) && raw.Length >= 12 && raw.AsSpan(0, 4).SequenceEqual("ZLIB"u8))
        {
            var size = BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(4, 8));
            return Inflate("zlib", raw.AsMemory(12), size, section.Name);
        }

        return raw;
    }

    private static byte[] FromChdr(byte[] raw, ElfHeader h, string name)
    {
        var r = new ElfByteReader(raw, h.BigEndian, $"compression header of {name}");
        var type = r.U32();
        if (h.Is64)
        {
            r.U32();
        }

        var size = r.Word(h.Is64);
        r.Word(h.Is64);
        var format = type switch
        {
            1 => "zlib",
            2 => "zstd",
            _ => throw new MalformedInputException($"section {name}: unknown compression type {type}"),
        };
        return Inflate(format, raw.AsMemory(r.Position), size, name);
    }

    private static byte[] Inflate(string format, ReadOnlyMemory<byte> compressed, ulong size, string name)
    {
        if (size > MaxDecodedBytes)
        {
            throw new LimitExceededException($"section {name} expands to {size} bytes, more than the {MaxDecodedBytes} bytes decoded");
        }

        var output = new byte[(int)size];
        try
        {
            using var source = new ReadOnlyMemoryStream(compressed);
            using Stream inflater = format == "zlib" ? new ZLibStream(source, CompressionMode.Decompress) : Decompressors.Open(format, source);
            var read = inflater.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
            if (read != output.Length)
            {
                throw new MalformedInputException($"section {name}: expands to {read} bytes, not the {size} its header says");
            }
        }
        catch (InvalidDataException e)
        {
            throw new MalformedInputException($"section {name}: corrupt {format} data ({e.Message})", e);
        }

        return output;
    }
}
