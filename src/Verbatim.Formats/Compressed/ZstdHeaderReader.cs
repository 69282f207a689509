using System.Buffers.Binary;
using System.Globalization;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// Reads a Zstandard file's structure without decompressing (RFC 8878): the first frame's header (content size,
/// checksum flag, window size, dictionary id), and, walking the block headers, the number of frames and skippable frames.
/// </summary>
public static class ZstdHeaderReader
{
    private const uint FrameMagic = 0xFD2FB528;
    private const int MaxFrames = 1_000_000;

    public static CompressedHeader Read(Input input, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        var first = ReadFrameHeader(stream, input.Length);
        var fields = new List<HeaderField>
        {
            new("content size", first.ContentSize is { } size ? size.ToString(CultureInfo.InvariantCulture) : "not recorded", CauseKind.Compression,
                "the content size is recorded when zstd knows it in advance (a file) but not when compressing a pipe"),
            new("checksum", first.Checksum ? "present" : "absent", CauseKind.Compression),
            new("window size", Bytes(first.WindowSize), CauseKind.Compression),
            new("dictionary id", first.DictionaryId == 0 ? "none" : first.DictionaryId.ToString(CultureInfo.InvariantCulture), CauseKind.Compression),
        };

        var (frames, skippable) = CountFrames(stream, input.Length, cancellationToken);
        fields.Add(new("frames", frames.ToString(CultureInfo.InvariantCulture), CauseKind.Compression));
        fields.Add(new("skippable frames", skippable.ToString(CultureInfo.InvariantCulture)));
        return new CompressedHeader(fields, first.HeaderLength);
    }

    private sealed record FrameHeader(int HeaderLength, ulong? ContentSize, bool Checksum, ulong WindowSize, uint DictionaryId);

    /// <summary>Reads the frame header at the stream's position (which must be a zstd frame).</summary>
    private static FrameHeader ReadFrameHeader(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[18];
        var start = stream.Position;
        var n = stream.ReadAtLeast(h, h.Length, throwOnEndOfStream: false);
        if (n < 6 || BinaryPrimitives.ReadUInt32LittleEndian(h) != FrameMagic)
        {
            throw new MalformedInputException("truncated zstd stream");
        }

        var descriptor = h[4];
        if ((descriptor & 0x08) != 0)
        {
            throw new MalformedInputException("zstd: reserved bit set in the frame header");
        }

        var single = (descriptor & 0x20) != 0;
        var dictionaryBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var sizeBytes = (descriptor >> 6) switch { 0 => single ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        var position = 5;
        ulong window = 0;
        if (!single)
        {
            var w = h[position++];
            var log = 10 + (w >> 3);
            window = (1UL << log) + ((1UL << log) / 8 * (ulong)(w & 7));
        }

        var headerLength = position + dictionaryBytes + sizeBytes;
        if (headerLength > n || start + headerLength > length)
        {
            throw new MalformedInputException("truncated zstd stream");
        }

        uint dictionary = dictionaryBytes switch
        {
            1 => h[position],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(h[position..]),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(h[position..]),
            _ => 0,
        };
        position += dictionaryBytes;
        ulong? size = sizeBytes switch
        {
            1 => h[position],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(h[position..]) + 256UL,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(h[position..]),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(h[position..]),
            _ => null,
        };
        stream.Position = start + headerLength;
        return new FrameHeader(headerLength, size, (descriptor & 0x04) != 0, single ? size ?? 0 : window, dictionary);
    }

    /// <summary>Walks every frame's block headers from the start; counts frames and skippable frames.</summary>
    private static (int Frames, int Skippable) CountFrames(Stream stream, long length, CancellationToken cancellationToken)
    {
        int frames = 0, skippable = 0;
        long position = 0;
        Span<byte> word = stackalloc byte[8];
        while (position < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (frames + skippable >= MaxFrames)
            {
                throw new MalformedInputException($"zstd: more than {MaxFrames} frames");
            }

            stream.Position = position;
            if (stream.ReadAtLeast(word[..4], 4, throwOnEndOfStream: false) < 4)
            {
                throw new MalformedInputException("zstd: trailing garbage after the compressed data");
            }

            var magic = BinaryPrimitives.ReadUInt32LittleEndian(word);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                Need(stream, word[4..8]);
                position += 8 + BinaryPrimitives.ReadUInt32LittleEndian(word[4..8]);
                skippable++;
                continue;
            }

            if (magic != FrameMagic)
            {
                throw new MalformedInputException("zstd: trailing garbage after the compressed data");
            }

            stream.Position = position;
            var header = ReadFrameHeader(stream, length);
            position += header.HeaderLength;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Position = position;
                Need(stream, word[..3]);
                var block = word[0] | (word[1] << 8) | (word[2] << 16);
                var type = (block >> 1) & 3;
                position += 3 + type switch
                {
                    0 or 2 => block >> 3,
                    1 => 1,
                    _ => throw new MalformedInputException("zstd: reserved block type"),
                };
                if ((block & 1) != 0)
                {
                    break;
                }
            }

            position += header.Checksum ? 4 : 0;
            if (position > length)
            {
                throw new MalformedInputException("truncated zstd stream");
            }

            frames++;
        }

        return (frames, skippable);
    }

    private static void Need(Stream stream, Span<byte> buffer)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new MalformedInputException("truncated zstd stream");
        }
    }

    private static string Bytes(ulong bytes) => bytes switch
    {
        0 => "0",
        _ when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        _ when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };
}
