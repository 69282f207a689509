using Verbatim.Core.IO;
using static Verbatim.Archives.Zip.ZipBytes;

namespace Verbatim.Archives.Zip;

/// <summary>
/// Reads a zip's end of central directory record (searched in the last 64 KiB + 22 bytes), its zip64 locator and
/// record, and the whole central directory, once, checking every offset, size and count against the file's length.
/// </summary>
public static class ZipDirectoryReader
{
    /// <summary>More entries than this are refused (the central directory is held in memory).</summary>
    public const int MaxEntries = 1_000_000;

    public const uint CentralSignature = 0x02014b50;
    public const uint LocalSignature = 0x04034b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint DigitalSignature = 0x05054b50;
    private const int EndSize = 22;
    private const int CentralSize = 46;
    public const int LocalSize = 30;

    public static ZipDirectory Read(Stream stream, long length, CancellationToken cancellationToken = default)
    {
        if (length < EndSize)
        {
            throw new MalformedInputException("too short to be a zip: no end of central directory record");
        }

        var tail = new byte[(int)Math.Min(length, 0xFFFF + EndSize)];
        var tailStart = length - tail.Length;
        ReadAt(stream, tailStart, tail);
        var at = FindEnd(tail);
        if (at < 0)
        {
            throw new MalformedInputException("no end of central directory record (truncated, or not a zip)");
        }

        var end = tail.AsSpan(at);
        long disk = U16(end, 4), directoryDisk = U16(end, 6), entriesOnDisk = U16(end, 8), entries = U16(end, 10);
        long directorySize = U32(end, 12), directoryOffset = U32(end, 16);
        var comment = end.Slice(EndSize, U16(end, 20)).ToArray();
        var endStart = tailStart + at;
        var recordsStart = endStart;
        var zip64 = false;
        if (endStart >= 20)
        {
            var locator = new byte[20];
            ReadAt(stream, endStart - 20, locator);
            if (U32(locator, 0) == Zip64LocatorSignature)
            {
                zip64 = true;
                recordsStart = FindZip64Record(stream, endStart - 20, U64(locator, 8));
                var record = new byte[56];
                ReadAt(stream, recordsStart, record);
                disk = U32(record, 16);
                directoryDisk = U32(record, 20);
                entriesOnDisk = Checked(U64(record, 24), "zip64 entry count");
                entries = Checked(U64(record, 32), "zip64 entry count");
                directorySize = Checked(U64(record, 40), "zip64 central directory size");
                directoryOffset = Checked(U64(record, 48), "zip64 central directory offset");
            }
        }

        if (disk != 0 || directoryDisk != 0 || entriesOnDisk != entries)
        {
            throw new MalformedInputException("a split (multi-part) archive: only one part is here");
        }

        if (directorySize > recordsStart)
        {
            throw new MalformedInputException($"central directory size {directorySize} is larger than the data before the end record");
        }

        if (entries > directorySize / CentralSize)
        {
            throw new MalformedInputException($"{entries} entries cannot fit in a central directory of {directorySize} bytes");
        }

        var bias = FindBias(stream, directoryOffset, directorySize, recordsStart, entries);
        var start = directoryOffset + bias;
        var list = ReadEntries(stream, start, start + directorySize, bias, entries, zip64, cancellationToken);
        return new ZipDirectory
        {
            Entries = list,
            DeclaredEntries = entries,
            RawComment = comment,
            Zip64 = zip64,
            CentralDirectoryStart = start,
            CentralDirectorySize = directorySize,
            RecordsStart = recordsStart,
            EndRecordStart = endStart,
            TrailerStart = endStart + EndSize + comment.Length,
            Bias = bias,
            FirstEntryStart = list.Count == 0 ? start : list.Min(e => e.LocalHeaderOffset) + bias,
            Overlaps = ZipOverlaps.Find(list, bias),
        };
    }

    /// <summary>The last end record whose comment ends the file exactly, else the last one whose comment fits.</summary>
    private static int FindEnd(ReadOnlySpan<byte> tail)
    {
        var fitting = -1;
        for (var i = tail.Length - EndSize; i >= 0; i--)
        {
            if (tail[i] == 0x50 && U32(tail, i) == EndSignature)
            {
                var commentEnd = i + EndSize + U16(tail, i + 20);
                if (commentEnd == tail.Length)
                {
                    return i;
                }

                if (commentEnd < tail.Length && fitting < 0)
                {
                    fitting = i;
                }
            }
        }

        return fitting;
    }

    private static long FindZip64Record(Stream stream, long locatorStart, ulong recorded)
    {
        var signature = new byte[4];
        if (locatorStart >= 56 && recorded <= (ulong)(locatorStart - 56))
        {
            ReadAt(stream, (long)recorded, signature);
            if (U32(signature, 0) == Zip64EndSignature)
            {
                return (long)recorded;
            }
        }

        // Data was prepended after the offsets were written: the record sits just before its locator.
        if (locatorStart >= 56)
        {
            ReadAt(stream, locatorStart - 56, signature);
            if (U32(signature, 0) == Zip64EndSignature)
            {
                return locatorStart - 56;
            }
        }

        throw new MalformedInputException($"zip64 end record not found at its recorded offset {recorded}");
    }

    /// <summary>0, or how many bytes were prepended to the archive after its offsets were written.</summary>
    private static long FindBias(Stream stream, long offset, long size, long recordsStart, long entries)
    {
        // size <= recordsStart was checked, so recordsStart - size cannot overflow.
        var expectedStart = recordsStart - size;
        if (offset == expectedStart || (entries == 0 && size == 0))
        {
            return 0;
        }

        var signature = new byte[4];
        if (offset < expectedStart)
        {
            ReadAt(stream, offset, signature);
            if (U32(signature, 0) == CentralSignature)
            {
                return 0;
            }

            var bias = expectedStart - offset;
            ReadAt(stream, offset + bias, signature);
            if (U32(signature, 0) == CentralSignature)
            {
                return bias;
            }
        }

        throw new MalformedInputException($"central directory not found at its recorded offset {offset} (size {size})");
    }

    private static List<ZipCentralEntry> ReadEntries(Stream stream, long start, long end, long bias, long declared, bool zip64, CancellationToken cancellationToken)
    {
        if (declared > MaxEntries)
        {
            throw new LimitExceededException($"{declared} entries: more than the {MaxEntries} a zip may have here");
        }

        var list = new List<ZipCentralEntry>((int)Math.Min(declared, 65536));
        var buffered = new BufferedStream(stream, 1 << 16);
        buffered.Position = start;
        var header = new byte[CentralSize];
        var position = start;
        while (position < end)
        {
            if ((list.Count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (end - position < 4)
            {
                throw new MalformedInputException($"central directory: {end - position} stray bytes after entry {list.Count}");
            }

            buffered.ReadExactly(header, 0, 4);
            var signature = U32(header, 0);
            if (signature == DigitalSignature || (signature != CentralSignature && list.Count >= declared))
            {
                break;
            }

            if (signature != CentralSignature)
            {
                throw new MalformedInputException($"central directory entry {list.Count}: bad signature 0x{signature:x8} (corrupt central directory)");
            }

            if (end - position < CentralSize)
            {
                throw new MalformedInputException($"central directory entry {list.Count} runs past the directory's end");
            }

            buffered.ReadExactly(header, 4, CentralSize - 4);
            var variable = (long)U16(header, 28) + U16(header, 30) + U16(header, 32);
            if (position + CentralSize + variable > end)
            {
                throw new MalformedInputException($"central directory entry {list.Count} runs past the directory's end");
            }

            var name = Take(buffered, U16(header, 28));
            var extra = Take(buffered, U16(header, 30));
            var comment = Take(buffered, U16(header, 32));
            var entry = ZipCentralEntryParser.Parse(list.Count, header, name, extra, comment);
            Validate(entry, bias, start);
            list.Add(entry);
            if (list.Count > MaxEntries)
            {
                throw new LimitExceededException($"more than {MaxEntries} entries");
            }

            position += CentralSize + variable;
        }

        if (list.Count != declared && !(!zip64 && list.Count > 0xFFFF && list.Count % 0x10000 == declared))
        {
            throw new MalformedInputException($"the end record declares {declared} entries but the central directory holds {list.Count}");
        }

        return list;
    }

    private static void Validate(ZipCentralEntry entry, long bias, long directoryStart)
    {
        if (entry.LocalHeaderOffset < 0 || entry.LocalHeaderOffset > directoryStart || entry.LocalHeaderOffset + bias + LocalSize > directoryStart)
        {
            throw new MalformedInputException($"entry '{entry.Name}': local header offset {entry.LocalHeaderOffset} is outside the archive's data");
        }

        if (entry.CompressedSize < 0 || entry.CompressedSize > directoryStart - (entry.LocalHeaderOffset + bias) - LocalSize)
        {
            throw new MalformedInputException($"entry '{entry.Name}': compressed size {entry.CompressedSize} runs past the central directory");
        }

        if (entry.UncompressedSize < 0)
        {
            throw new MalformedInputException($"entry '{entry.Name}': impossible size {entry.UncompressedSize}");
        }
    }

    private static byte[] Take(Stream stream, int count)
    {
        if (count == 0)
        {
            return [];
        }

        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static long Checked(ulong value, string what) =>
        value <= long.MaxValue ? (long)value : throw new MalformedInputException($"impossible {what} {value}");
}
