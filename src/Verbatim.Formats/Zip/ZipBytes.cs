using System.Buffers.Binary;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Zip;

/// <summary>Little-endian reads of zip header fields, and positioned reads that report a short file as truncated.</summary>
internal static class ZipBytes
{
    internal static void ReadAt(Stream stream, long offset, Span<byte> into)
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

    internal static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    internal static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);

    internal static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);
}
