using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Mo;

/// <summary>
/// gettext <c>.mo</c>: in the header entry (the translation of the empty msgid), <c>POT-Creation-Date</c> and
/// <c>PO-Revision-Date</c> later than the reference time are clamped to it (all set to it with <c>--set-times</c>),
/// written in the same shape (and so the same length) as before; nothing else moves. Both byte orders are handled;
/// string and hash tables that run past the end leave the file untouched.
/// </summary>
public sealed partial class MoNormalizer : INormalizer
{
    private const uint Magic = 0x950412de;
    private const int MaxBytes = 256 << 20;

    public string Name => "mo";

    public bool Recognizes(NormalizeInput input) =>
        input.Head.Length >= 28 && (BinaryPrimitives.ReadUInt32LittleEndian(input.Head) == Magic || BinaryPrimitives.ReadUInt32BigEndian(input.Head) == Magic);

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        if (input.Length > MaxBytes)
        {
            throw new UnsupportedInputException($"a .mo file of {input.Length} bytes is larger than {MaxBytes} bytes");
        }

        var bytes = new byte[input.Length];
        using (var stream = input.Open())
        {
            stream.ReadExactly(bytes);
        }

        var little = BinaryPrimitives.ReadUInt32LittleEndian(bytes) == Magic;
        uint U32(long at) => at + 4 > bytes.Length ? throw new MalformedInputException("truncated .mo header")
            : little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at));

        var count = U32(8);
        var originals = U32(12);
        var translations = U32(16);
        if (count > bytes.Length / 8 || originals > bytes.Length - (8L * count) || translations > bytes.Length - (8L * count))
        {
            throw new MalformedInputException($"the .mo string tables ({count} strings) do not fit in the file");
        }

        for (var i = 0u; i < count; i++)
        {
            foreach (var (table, what) in new[] { (originals, "original"), (translations, "translated") })
            {
                var length = U32(table + (8L * i));
                var offset = U32(table + (8L * i) + 4);
                if ((long)offset + length >= bytes.Length)
                {
                    throw new MalformedInputException($"the {what} string {i} (offset {offset}, {length} bytes and its NUL) runs past the end of the {bytes.Length}-byte .mo file");
                }
            }
        }

        var hashSize = U32(20);
        var hashOffset = U32(24);
        if (hashSize > 0 && (long)hashOffset + (4L * hashSize) > bytes.Length)
        {
            throw new MalformedInputException($"the .mo hash table ({hashSize} entries at offset {hashOffset}) runs past the end of the file");
        }

        var changes = new List<Change>();
        for (var i = 0u; i < count; i++)
        {
            if (U32(originals + (8L * i)) != 0)
            {
                continue;
            }

            var length = U32(translations + (8L * i));
            var offset = U32(translations + (8L * i) + 4);
            if (offset > bytes.Length || length > bytes.Length - offset)
            {
                throw new MalformedInputException("the .mo header entry lies outside the file");
            }

            if (context.Applies(Normalizations.MoDates))
            {
                ClampDates(bytes.AsSpan((int)offset, (int)length), context, changes);
            }
        }

        output.Write(bytes);
        return changes;
    }

    private static void ClampDates(Span<byte> header, NormalizeContext context, List<Change> changes)
    {
        var text = Encoding.Latin1.GetString(header);
        foreach (Match match in DateField().Matches(text))
        {
            var value = match.Groups["value"];
            if (!TryParse(value.Value, out var time))
            {
                continue;
            }

            var reference = context.ReferenceTime;
            if (!context.Options.SetTimes && time.ToUnixTimeSeconds() <= reference)
            {
                continue;
            }

            var clamped = DateTimeOffset.FromUnixTimeSeconds(reference).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var replacement = value.Value.Length == 21 ? clamped + "+0000" : clamped;
            if (replacement == value.Value)
            {
                continue;
            }

            Encoding.ASCII.GetBytes(replacement).CopyTo(header[value.Index..]);
            changes.Add(new Change(Normalizations.MoDates, "", match.Groups["field"].Value, value.Value, $"{replacement} ({Timestamps.Describe(reference)})"));
        }
    }

    private static bool TryParse(string value, out DateTimeOffset time)
    {
        var withZone = value.Length == 21 ? value.Insert(19, ":") : value + "+00:00";
        return DateTimeOffset.TryParseExact(withZone, "yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    [GeneratedRegex(@"^(?<field>POT-Creation-Date|PO-Revision-Date): (?<value>\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?:[+-]\d{4})?)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DateField();
}
