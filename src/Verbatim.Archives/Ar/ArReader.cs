using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Archives.Ar;

/// <summary>
/// Reads the member headers of an ar archive (<c>!&lt;arch&gt;</c>) from a seekable stream: the common format, GNU's
/// <c>/</c> symbol table, <c>//</c> long-name table and <c>/123</c> references, and BSD's <c>#1/len</c> names. Every
/// size and offset is checked against the archive's real length.
/// </summary>
public sealed class ArReader(Stream stream)
{
    public const int HeaderSize = 60;
    private const int MaxLongNameTable = 16 << 20;

    private static readonly byte[] Magic = "!<arch>\n"u8.ToArray();

    private byte[]? longNames;

    public static bool HasMagic(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    /// <summary>True when <paramref name="head"/> is an ar archive whose first member is named <paramref name="name"/> (GNU's trailing <c>/</c> allowed).</summary>
    public static bool FirstMemberIs(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
    {
        if (!HasMagic(head) || head.Length < Magic.Length + HeaderSize)
        {
            return false;
        }

        var first = head.Slice(Magic.Length, 16).TrimEnd((byte)' ');
        return first.SequenceEqual(name) || (first.Length == name.Length + 1 && first.StartsWith(name) && first[^1] == (byte)'/');
    }

    public IEnumerable<ArEntry> Entries(CancellationToken cancellationToken = default)
    {
        var length = stream.Length;
        var header = new byte[HeaderSize];
        stream.Position = 0;
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw new MalformedInputException("not an ar archive");
        }

        var offset = (long)Magic.Length;
        while (offset < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (length - offset < HeaderSize)
            {
                throw new MalformedInputException($"truncated: an ar header at offset {offset} is cut short");
            }

            stream.Position = offset;
            stream.ReadExactly(header);
            if (header[58] != (byte)'`' || header[59] != (byte)'\n')
            {
                throw new MalformedInputException($"bad ar header at offset {offset}");
            }

            var size = Decimal(header.AsSpan(48, 10), "size");
            var dataOffset = offset + HeaderSize;
            if (size > length - dataOffset)
            {
                throw new MalformedInputException($"truncated: the ar member at offset {offset} has {size} bytes but only {length - dataOffset} remain");
            }

            var entry = Decode(header, offset, dataOffset, size);
            offset = dataOffset + size + (size & 1);
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private ArEntry? Decode(byte[] header, long offset, long dataOffset, long size)
    {
        var rawName = header.AsSpan(0, 16).TrimEnd((byte)' ');
        var kind = ArEntryKind.File;
        string name;
        if (rawName.SequenceEqual("//"u8))
        {
            if (size > MaxLongNameTable)
            {
                throw new MalformedInputException($"absurd ar long-name table of {size} bytes");
            }

            longNames = new byte[size];
            stream.Position = dataOffset;
            stream.ReadExactly(longNames);
            return null;
        }

        if (rawName.SequenceEqual("/"u8) || rawName.SequenceEqual("/SYM64/"u8))
        {
            kind = rawName.Length == 1 ? ArEntryKind.SymbolTable : ArEntryKind.SymbolTable64;
            name = rawName.Length == 1 ? "/ (symbol table)" : "/SYM64/ (symbol table)";
        }
        else if (rawName.Length > 1 && rawName[0] == (byte)'/' && IsDigits(rawName[1..]))
        {
            name = LongName(Decimal(rawName[1..], "name"));
        }
        else if (rawName.StartsWith("#1/"u8) && rawName.Length > 3)
        {
            var nameLength = Decimal(rawName[3..], "name length");
            if (nameLength > size || nameLength > 4096)
            {
                throw new MalformedInputException($"absurd BSD ar name length {nameLength}");
            }

            var bytes = new byte[nameLength];
            stream.Position = dataOffset;
            stream.ReadExactly(bytes);
            var end = bytes.AsSpan().IndexOf((byte)0);
            name = EntryNames.Display(end < 0 ? bytes : bytes.AsSpan(0, end));
            dataOffset += nameLength;
            size -= nameLength;
        }
        else
        {
            name = EntryNames.Display(rawName.Length > 1 && rawName[^1] == (byte)'/' ? rawName[..^1] : rawName);
        }

        return new ArEntry(
            name,
            kind,
            offset,
            Decimal(header.AsSpan(16, 12), "mtime"),
            Decimal(header.AsSpan(28, 6), "uid"),
            Decimal(header.AsSpan(34, 6), "gid"),
            Octal(header.AsSpan(40, 8)),
            dataOffset,
            size);
    }

    private string LongName(long at)
    {
        if (longNames is null || at >= longNames.Length)
        {
            throw new MalformedInputException($"ar long name reference /{at} points outside the long-name table");
        }

        var rest = longNames.AsSpan((int)at);
        var end = rest.IndexOf((byte)'\n');
        var name = end < 0 ? rest : rest[..end];
        if (name.Length > 0 && name[^1] == (byte)'/')
        {
            name = name[..^1];
        }

        return EntryNames.Display(name);
    }

    private static bool IsDigits(ReadOnlySpan<byte> text) => text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static long Decimal(ReadOnlySpan<byte> field, string name)
    {
        var text = Encoding.ASCII.GetString(field.Trim((byte)' '));
        if (text.Length == 0)
        {
            return 0;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new MalformedInputException($"absurd value in the ar header field '{name}'");
        }

        return value;
    }

    private static long Octal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        foreach (var b in field.Trim((byte)' '))
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                throw new MalformedInputException("absurd value in the ar header field 'mode'");
            }

            value = (value << 3) | (long)(b - '0');
        }

        return value;
    }
}
