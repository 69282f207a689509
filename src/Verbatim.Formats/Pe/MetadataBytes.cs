using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Verbatim.Formats.Pe;

/// <summary>Byte-level equality of metadata tables and heaps, to skip rendering parts that cannot differ.</summary>
internal static unsafe class MetadataBytes
{
    /// <summary>
    /// Whether every table and the #Strings, #Blob and #US heaps are byte-identical (the #GUID heap, which holds the
    /// MVID, is left out): then types, members and signatures are the same and only method bodies can differ.
    /// </summary>
    public static bool TablesAndHeapsEqual(MetadataReader a, MetadataReader b)
    {
        for (var table = TableIndex.Module; table <= TableIndex.GenericParamConstraint; table++)
        {
            var rows = a.GetTableRowCount(table);
            if (rows != b.GetTableRowCount(table) || a.GetTableRowSize(table) != b.GetTableRowSize(table))
            {
                return false;
            }

            if (rows > 0 && !Span(a, a.GetTableMetadataOffset(table), rows * a.GetTableRowSize(table))
                    .SequenceEqual(Span(b, b.GetTableMetadataOffset(table), rows * b.GetTableRowSize(table))))
            {
                return false;
            }
        }

        return HeapEqual(a, b, HeapIndex.String) && HeapEqual(a, b, HeapIndex.Blob) && HeapEqual(a, b, HeapIndex.UserString);
    }

    public static bool HeapEqual(MetadataReader a, MetadataReader b, HeapIndex heap)
    {
        var size = a.GetHeapSize(heap);
        return size == b.GetHeapSize(heap) &&
               (size == 0 || Span(a, a.GetHeapMetadataOffset(heap), size).SequenceEqual(Span(b, b.GetHeapMetadataOffset(heap), size)));
    }

    private static ReadOnlySpan<byte> Span(MetadataReader reader, int offset, int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > reader.MetadataLength)
        {
            throw new BadImageFormatException("metadata table or heap outside the metadata block");
        }

        return new ReadOnlySpan<byte>(reader.MetadataPointer + offset, length);
    }
}
