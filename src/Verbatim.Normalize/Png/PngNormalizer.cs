using System.Buffers.Binary;
using System.Text;
using Verbatim.Archives;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Png;

/// <summary>
/// PNG: <c>tIME</c> chunks removed, and text chunks (<c>tEXt</c>, <c>zTXt</c>, <c>iTXt</c>) whose keyword names a
/// date (<c>date:create</c>, <c>date:modify</c>, <c>date:timestamp</c>, <c>Creation Time</c>, ...) removed. Every
/// other chunk is copied byte for byte; chunk CRCs are checked and a bad one leaves the file untouched; data after
/// <c>IEND</c> is kept.
/// </summary>
public sealed class PngNormalizer : INormalizer
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public string Name => "png";

    public bool Recognizes(NormalizeInput input) => input.Head.StartsWith(Signature);

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        var changes = new List<Change>();
        using var stream = input.Open();
        var signature = new byte[8];
        ReadExactly(stream, signature, "signature");
        output.Write(signature);
        var header = new byte[8];
        var sawEnd = false;
        var buffer = new byte[1 << 16];
        while (!sawEnd)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            ReadExactly(stream, header, "chunk header");
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > int.MaxValue || length > stream.Length - stream.Position - 4)
            {
                throw new MalformedInputException($"truncated: a chunk of {length} bytes runs past the end of the file");
            }

            var type = Encoding.ASCII.GetString(header, 4, 4);
            sawEnd = type == "IEND";
            var crc = 0u;
            crc = Crc32.Append(crc, header.AsSpan(4, 4));
            var removal = type == "tIME" ? Normalizations.PngTimeChunks : IsDateText(type, stream, length) ? Normalizations.PngDateText : null;
            var keep = removal is null || !context.Applies(removal);
            var chunkStart = stream.Position;
            if (keep)
            {
                output.Write(header);
            }

            for (long remaining = length; remaining > 0;)
            {
                var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n == 0)
                {
                    throw new MalformedInputException("truncated chunk data");
                }

                crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                if (keep)
                {
                    output.Write(buffer, 0, n);
                }

                remaining -= n;
            }

            var stored = new byte[4];
            ReadExactly(stream, stored, "chunk CRC");
            if (BinaryPrimitives.ReadUInt32BigEndian(stored) != crc)
            {
                throw new MalformedInputException($"bad CRC in the {type} chunk at offset {chunkStart - 8}");
            }

            if (keep)
            {
                output.Write(stored);
            }
            else
            {
                changes.Add(new Change(removal!, "", $"{type} chunk", Describe(type, stream, chunkStart, length), null));
            }
        }

        stream.CopyTo(output);

        return changes;
    }

    private static bool IsDateText(string type, Stream stream, uint length)
    {
        if (type is not ("tEXt" or "zTXt" or "iTXt"))
        {
            return false;
        }

        var keyword = Keyword(stream, stream.Position, length);
        return PngDateKeywords.IsDate(keyword);
    }

    private static string Keyword(Stream stream, long at, uint length)
    {
        var bytes = new byte[Math.Min(80, length)];
        var position = stream.Position;
        stream.Position = at;
        stream.ReadExactly(bytes);
        stream.Position = position;
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.Latin1.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    private static string Describe(string type, Stream stream, long chunkStart, uint length)
    {
        if (type == "tIME" && length == 7)
        {
            var position = stream.Position;
            var time = new byte[7];
            stream.Position = chunkStart;
            stream.ReadExactly(time);
            stream.Position = position;
            return $"{BinaryPrimitives.ReadUInt16BigEndian(time):D4}-{time[2]:D2}-{time[3]:D2} {time[4]:D2}:{time[5]:D2}:{time[6]:D2}";
        }

        return type == "tIME" ? $"{length} bytes" : Keyword(stream, chunkStart, length);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new MalformedInputException($"truncated: the {what} is cut short (no IEND chunk)");
        }
    }
}
