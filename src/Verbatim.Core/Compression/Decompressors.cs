using System.IO.Compression;

namespace Verbatim.Core.Compression;

/// <summary>
/// Recognises a compressed stream by its magic bytes and opens its decompressed contents. gzip uses .NET's zlib;
/// xz, zstd and bzip2 go through the system's liblzma, libzstd and libbz2 by P/Invoke.
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

        if (head.Length >= 10 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h' && head[3] is >= (byte)'1' and <= (byte)'9' &&
            head[4] == 0x31 && head[5] == 0x41 && head[6] == 0x59 && head[7] == 0x26 && head[8] == 0x53 && head[9] == 0x59)
        {
            return "bzip2";
        }

        return null;
    }

    /// <summary>Opens the decompressed contents of <paramref name="compressed"/> (which the returned stream owns).</summary>
    public static Stream Open(string format, Stream compressed) => format switch
    {
        "gzip" => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false),
        _ => throw new NotSupportedException($"{format} decompression is not available yet"),
    };
}
