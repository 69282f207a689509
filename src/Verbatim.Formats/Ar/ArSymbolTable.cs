using System.Buffers.Binary;
using System.Text;
using Verbatim.Core.IO;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Ar;

/// <summary>
/// Renders a GNU ar symbol table (<c>/</c> with 32-bit or <c>/SYM64/</c> with 64-bit big-endian offsets) as text:
/// one <c>symbol  member</c> line per symbol, the member named rather than given by its offset, so that a table
/// whose offsets only moved compares equal and a real change reads as a line diff.
/// </summary>
internal static class ArSymbolTable
{
    public const int MaxBytes = 64 << 20;

    public static string Render(ReadOnlySpan<byte> table, bool wide, IReadOnlyDictionary<long, string> memberAt)
    {
        var width = wide ? 8 : 4;
        if (table.Length < width)
        {
            throw new MalformedInputException("truncated ar symbol table");
        }

        var count = wide ? BinaryPrimitives.ReadInt64BigEndian(table) : BinaryPrimitives.ReadUInt32BigEndian(table);
        if (count < 0 || count > (table.Length - width) / width)
        {
            throw new MalformedInputException($"absurd ar symbol count {count}");
        }

        var strings = table[(int)(width * (count + 1))..];
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var at = table[(width * (i + 1))..];
            var offset = wide ? BinaryPrimitives.ReadInt64BigEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
            var end = strings.IndexOf((byte)0);
            if (end < 0)
            {
                throw new MalformedInputException("truncated ar symbol table: a symbol name is not terminated");
            }

            text.Append(MemberNames.Display(strings[..end])).Append("  ").Append(memberAt.GetValueOrDefault(offset, $"(no member at offset {offset})")).Append('\n');
            strings = strings[(end + 1)..];
        }

        return text.ToString();
    }
}
