namespace Verbatim.Core.Compression;

/// <summary>
/// Recognises a compressed stream by its magic bytes and opens its decompressed contents. All four go through the
/// system's libraries by P/Invoke: zlib (gzip), liblzma (xz), libzstd and libbz2.
/// </summary>
public static class Decompressors
{
    /// <summary>The compression format named by <paramref name="head"/>'s magic bytes (gzip, xz, zstd, bzip2), or null.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 8)
        {
            return "gzip";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
        {
            return "xz";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return "zstd";
        }

        // "BZh" and the block size, then the first block's magic (pi) or, for empty data, the end-of-stream magic (sqrt pi).
        if (head.Length >= 10 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h' && head[3] is >= (byte)'1' and <= (byte)'9' &&
            (head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x72, 0x45, 0x38, 0x50, 0x90])))
        {
            return "bzip2";
        }

        return null;
    }

    /// <summary>Opens the decompressed contents of <paramref name="compressed"/> (which the returned stream owns).</summary>
    public static Stream Open(string format, Stream compressed) => format switch
    {
        "gzip" => new GzipDecoderStream(compressed),
        "xz" => new XzDecoderStream(compressed),
        "zstd" => new ZstdDecoderStream(compressed),
        "bzip2" => new Bzip2DecoderStream(compressed),
        _ => throw new NotSupportedException($"no decompressor for {format}"),
    };
}
