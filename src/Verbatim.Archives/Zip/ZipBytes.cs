using System.Buffers.Binary;
using Verbatim.Core.IO;

namespace Verbatim.Archives.Zip;

/// <summary>Little-endian reads of zip header fields, and positioned reads that report a short file as truncated.</summary>
public static class ZipBytes
{
    public static void ReadAt(Stream stream, long offset, Span<byte> into)
    {
        try
        {
            stream.Position = offset;
            stream.ReadExactly(into);
        }
        catch (EndOfStreamException e)
        {
            throw new MalformedInputException("truncated", e);
        }
    }

    public static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    public static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);

    public static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);
}
