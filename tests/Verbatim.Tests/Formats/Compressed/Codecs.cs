using Verbatim.Core.Compression;

namespace Verbatim.Tests.Formats.Compressed;

/// <summary>Compresses and decompresses byte arrays with the native codecs, for tests.</summary>
internal static class Codecs
{
    public static byte[] Xz(byte[] data, int preset = 6, XzCheck check = XzCheck.Crc64) => Encode(data, s => new XzEncoderStream(s, preset, check, leaveOpen: true));

    public static byte[] Zstd(byte[] data, int level = 3) => Encode(data, s => new ZstdEncoderStream(s, level, leaveOpen: true));

    public static byte[] Bzip2(byte[] data, int blockSize = 9) => Encode(data, s => new Bzip2EncoderStream(s, blockSize, leaveOpen: true));

    public static byte[] Encode(byte[] data, Func<Stream, Stream> encoder)
    {
        var output = new MemoryStream();
        using (var e = encoder(output))
        {
            // Uneven writes exercise the encoders' chunking.
            var offset = 0;
            var step = 1;
            while (offset < data.Length)
            {
                var n = Math.Min(step, data.Length - offset);
                e.Write(data, offset, n);
                offset += n;
                step = step * 7 % 300_000 + 1;
            }
        }

        return output.ToArray();
    }

    public static byte[] Decode(string format, byte[] compressed)
    {
        using var d = Decompressors.Open(format, new MemoryStream(compressed));
        var output = new MemoryStream();
        d.CopyTo(output, 100_000);
        return output.ToArray();
    }

    /// <summary>Compressible but not trivial bytes: numbered lines.</summary>
    public static byte[] Lines(int count, string prefix = "line")
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(prefix).Append(' ').Append(i).Append(' ').Append(i * 2654435761u % 1000003).Append('\n');
        }

        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Incompressible bytes from a fixed seed.</summary>
    public static byte[] Random(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
