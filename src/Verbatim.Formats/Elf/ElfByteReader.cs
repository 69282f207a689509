using System.Buffers.Binary;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Reads little- or big-endian integers, LEB128 numbers and NUL-terminated strings from a span, checking every read
/// against the span's end and throwing <see cref="MalformedInputException"/> (naming <see cref="What"/>) when one passes it.
/// </summary>
internal ref struct ElfByteReader(ReadOnlySpan<byte> bytes, bool bigEndian, string what)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public int Position { get; set; }

    public readonly int Length => bytes.Length;

    public readonly int Remaining => bytes.Length - Position;

    public readonly bool BigEndian => bigEndian;

    public readonly string What => what;

    public ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new MalformedInputException($"{what}: truncated (needs {count} bytes at offset {Position}, {Remaining} left)");
        }

        var span = bytes.Slice(Position, (int)count);
        Position += (int)count;
        return span;
    }

    public void Skip(long count) => Take(count);

    public byte U8() => Take(1)[0];

    public ushort U16()
    {
        var s = Take(2);
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint U24()
    {
        var s = Take(3);
        return bigEndian ? (uint)(s[0] << 16 | s[1] << 8 | s[2]) : (uint)(s[2] << 16 | s[1] << 8 | s[0]);
    }

    public uint U32()
    {
        var s = Take(4);
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    public ulong U64()
    {
        var s = Take(8);
        return bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
    }

    /// <summary>A 4-byte value when <paramref name="wide"/> is false, else an 8-byte one (ELF addresses, DWARF offsets).</summary>
    public ulong Word(bool wide) => wide ? U64() : U32();

    /// <summary>An unsigned integer of 1, 2, 3, 4 or 8 bytes.</summary>
    public ulong Sized(int size) => size switch
    {
        1 => U8(),
        2 => U16(),
        3 => U24(),
        4 => U32(),
        8 => U64(),
        _ => throw new MalformedInputException($"{what}: unsupported value size {size}"),
    };

    public ulong Uleb()
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = U8();
            if (shift < 64)
            {
                result |= (ulong)(b & 0x7f) << shift;
            }

            if ((b & 0x80) == 0)
            {
                return result;
            }

            if (shift > 70)
            {
                throw new MalformedInputException($"{what}: LEB128 number too long at offset {Position}");
            }
        }
    }

    public long Sleb()
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            b = U8();
            if (shift < 64)
            {
                result |= (long)(b & 0x7f) << shift;
            }

            shift += 7;
            if (shift > 77)
            {
                throw new MalformedInputException($"{what}: LEB128 number too long at offset {Position}");
            }
        }
        while ((b & 0x80) != 0);

        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }

        return result;
    }

    /// <summary>A NUL-terminated string starting at the current position (the NUL is consumed).</summary>
    public string CString()
    {
        var rest = bytes[Position..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new MalformedInputException($"{what}: unterminated string at offset {Position}");
        }

        Position += end + 1;
        return Decode(rest[..end]);
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of <paramref name="table"/> (a string table).</summary>
    public static string StringAt(ReadOnlySpan<byte> table, ulong offset, string what)
    {
        if (offset >= (ulong)table.Length)
        {
            throw new MalformedInputException($"{what}: string index {offset} is outside its string table ({table.Length} bytes)");
        }

        var rest = table[(int)offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new MalformedInputException($"{what}: string at index {offset} is not terminated");
        }

        return Decode(rest[..end]);
    }

    /// <summary>UTF-8 when valid, else Latin-1, with control characters escaped (the text is shown to people).</summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(raw);
        }

        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return builder.ToString();
    }
}
