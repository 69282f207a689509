using System.Buffers.Binary;
using Verbatim.Core.IO;
using Verbatim.Formats.Members;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Reads what normalization needs from a zip: the end record, the central directory and each local header, every
/// offset and size checked against the file. Kept to this one file so that it can give way to the shared zip reader
/// of Verbatim.Formats once that is available.
/// </summary>
internal static class ZipSourceReader
{
    private const int MaxEntries = 1_000_000;

    public static ZipSource Read(IContent input, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        var length = stream.Length;
        if (length < 22)
        {
            throw new MalformedInputException("too short to be a zip: no end of central directory record");
        }

        var tail = new byte[(int)Math.Min(length, 0xFFFF + 22)];
        ReadAt(stream, length - tail.Length, tail);
        var at = -1;
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50 && i + 22 + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) <= tail.Length)
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            throw new MalformedInputException("no end of central directory record (truncated, or not a zip)");
        }

        var end = tail.AsSpan(at);
        var endStart = length - tail.Length + at;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var comment = end.Slice(22, BinaryPrimitives.ReadUInt16LittleEndian(end[20..])).ToArray();
        if (count == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF || (endStart >= 20 && PeekU32(stream, endStart - 20) == 0x07064b50))
        {
            throw new UnsupportedInputException("zip64 archives are not handled yet");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(end[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(end[6..]) != 0)
        {
            throw new MalformedInputException("a split (multi-part) archive: only one part is here");
        }

        if (offset + size > endStart || count > size / 46 || count > MaxEntries)
        {
            throw new MalformedInputException($"the central directory ({count} entries, {size} bytes at {offset}) does not fit before the end record");
        }

        var directory = new byte[size];
        ReadAt(stream, offset, directory);
        var entries = new List<ZipSourceEntry>(count);
        var pos = 0;
        var firstLocal = long.MaxValue;
        var lastDataEnd = 0L;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = ReadEntry(stream, directory, ref pos, offset);
            entries.Add(entry.Entry);
            firstLocal = Math.Min(firstLocal, entry.LocalStart);
            lastDataEnd = Math.Max(lastDataEnd, entry.Entry.DataStart + entry.Entry.CompressedSize);
        }

        var gap = offset - lastDataEnd;
        var signing = count > 0 && gap >= 24 && HasApkMagic(stream, offset);
        return new ZipSource(entries, comment, signing, count > 0 ? firstLocal > 0 : offset > 0);
    }

    private static (ZipSourceEntry Entry, long LocalStart) ReadEntry(Stream stream, byte[] directory, ref int pos, long directoryStart)
    {
        if (pos + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(pos)) != 0x02014b50)
        {
            throw new MalformedInputException($"bad central directory record at offset {directoryStart + pos}");
        }

        var c = directory.AsSpan(pos);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(c[28..]), extraLength = BinaryPrimitives.ReadUInt16LittleEndian(c[30..]), commentLength = BinaryPrimitives.ReadUInt16LittleEndian(c[32..]);
        if (pos + 46 + nameLength + extraLength + commentLength > directory.Length)
        {
            throw new MalformedInputException($"central directory record at offset {directoryStart + pos} runs past the directory");
        }

        var name = c.Slice(46, nameLength).ToArray();
        var compressed = (long)BinaryPrimitives.ReadUInt32LittleEndian(c[20..]);
        var localStart = (long)BinaryPrimitives.ReadUInt32LittleEndian(c[42..]);
        var local = new byte[30];
        if (localStart + 30 > directoryStart)
        {
            throw new MalformedInputException($"{MemberNames.Display(name)}: local header offset {localStart} is past the central directory");
        }

        ReadAt(stream, localStart, local);
        if (BinaryPrimitives.ReadUInt32LittleEndian(local) != 0x04034b50)
        {
            throw new MalformedInputException($"{MemberNames.Display(name)}: no local header at offset {localStart}");
        }

        int localName = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)), localExtra = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
        var dataStart = localStart + 30 + localName + localExtra;
        if (dataStart + compressed > directoryStart)
        {
            throw new MalformedInputException($"{MemberNames.Display(name)}: the data runs past the central directory");
        }

        var extra = new byte[localExtra];
        ReadAt(stream, localStart + 30 + localName, extra);
        var entry = new ZipSourceEntry
        {
            Name = name,
            DisplayName = MemberNames.Display(name),
            VersionMadeBy = BinaryPrimitives.ReadUInt16LittleEndian(c[4..]),
            Flags = BinaryPrimitives.ReadUInt16LittleEndian(c[8..]),
            Method = BinaryPrimitives.ReadUInt16LittleEndian(c[10..]),
            DosTime = BinaryPrimitives.ReadUInt16LittleEndian(c[12..]),
            DosDate = BinaryPrimitives.ReadUInt16LittleEndian(c[14..]),
            Crc32 = BinaryPrimitives.ReadUInt32LittleEndian(c[16..]),
            CompressedSize = compressed,
            UncompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(c[24..]),
            InternalAttributes = BinaryPrimitives.ReadUInt16LittleEndian(c[36..]),
            ExternalAttributes = BinaryPrimitives.ReadUInt32LittleEndian(c[38..]),
            CentralExtra = c.Slice(46 + nameLength, extraLength).ToArray(),
            Comment = c.Slice(46 + nameLength + extraLength, commentLength).ToArray(),
            LocalExtra = extra,
            DataStart = dataStart,
        };
        pos += 46 + nameLength + extraLength + commentLength;
        return (entry, localStart);
    }

    private static bool HasApkMagic(Stream stream, long directoryStart)
    {
        var magic = new byte[16];
        ReadAt(stream, directoryStart - 16, magic);
        return magic.AsSpan().SequenceEqual("APK Sig Block 42"u8);
    }

    private static uint PeekU32(Stream stream, long at)
    {
        var bytes = new byte[4];
        ReadAt(stream, at, bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    private static void ReadAt(Stream stream, long at, byte[] buffer)
    {
        stream.Position = at;
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new MalformedInputException($"truncated: {buffer.Length} bytes at offset {at} run past the end");
        }
    }
}
