using System.Runtime.CompilerServices;
using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Compressed;

public class CodecRoundTripTests
{
    [Fact]
    public void Native_struct_layouts_match_the_c_headers()
    {
        Assert.Equal(136, Unsafe.SizeOf<Liblzma.Stream>());
        Assert.Equal(80, Unsafe.SizeOf<Libbz2.Stream>());
        Assert.Equal(112, Unsafe.SizeOf<Zlib.Stream>());
        Assert.Equal(24, Unsafe.SizeOf<Libzstd.InBuffer>());
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("zstd")]
    [InlineData("bzip2")]
    public void Encoders_round_trip_through_decoders(string format)
    {
        foreach (var data in new[] { Array.Empty<byte>(), [42], Codecs.Lines(50_000), Codecs.Random(300_000) })
        {
            var compressed = Encode(format, data);
            Assert.Equal(format, Decompressors.Detect(compressed));
            Assert.Equal(data, Codecs.Decode(format, compressed));
        }
    }

    [Fact]
    public void Twenty_megabytes_round_trip_in_each_format()
    {
        var data = new byte[20 << 20];
        var random = Codecs.Random(1 << 20, 7);
        for (var i = 0; i < 20; i++)
        {
            random.CopyTo(data, i << 20);
            data[(i << 20) + 5] = (byte)i;
        }

        foreach (var format in new[] { "xz", "zstd", "bzip2" })
        {
            var compressed = format switch
            {
                "xz" => Codecs.Xz(data, 0),
                "zstd" => Codecs.Zstd(data, 1),
                _ => Codecs.Bzip2(data, 1),
            };
            Assert.True(Codecs.Decode(format, compressed).AsSpan().SequenceEqual(data), format);
        }
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("zstd")]
    [InlineData("bzip2")]
    public void Concatenated_streams_are_read_to_the_end(string format)
    {
        var a = Codecs.Lines(1000, "a");
        var b = Codecs.Lines(2000, "b");
        var joined = Encode(format, a).Concat(Encode(format, b)).ToArray();
        Assert.Equal(a.Concat(b).ToArray(), Codecs.Decode(format, joined));
    }

    [Fact]
    public void Zstd_skippable_frames_are_skipped()
    {
        var a = Codecs.Lines(100, "a");
        var skippable = new byte[] { 0x50, 0x2A, 0x4D, 0x18, 5, 0, 0, 0, 1, 2, 3, 4, 5 };
        var data = Codecs.Zstd(a).Concat(skippable).Concat(Codecs.Zstd(a)).ToArray();
        Assert.Equal(a.Concat(a).ToArray(), Codecs.Decode("zstd", data));
    }

    [Fact]
    public void Xz_stream_padding_is_accepted()
    {
        var a = Codecs.Lines(100);
        Assert.Equal(a, Codecs.Decode("xz", Codecs.Xz(a).Concat(new byte[8]).ToArray()));
    }

    [Fact]
    public void Gzip_members_are_counted_and_located()
    {
        using var dir = new TempDir();
        dir.Write("a", "first\n");
        dir.Write("b", "second\n");
        var a = Convert.FromBase64String(Diff.Exec("sh", $"-c \"gzip -nc {dir.File("a")} | base64 -w0\""));
        var b = Convert.FromBase64String(Diff.Exec("sh", $"-c \"gzip -nc {dir.File("b")} | base64 -w0\""));
        using var d = new GzipDecoderStream(new MemoryStream([.. a, .. b]));
        var text = new StreamReader(d).ReadToEnd();
        Assert.Equal("first\nsecond\n", text);
        Assert.Equal(2, d.Members);
        Assert.Equal([0L, a.Length], d.MemberOffsets);
    }

    [Fact]
    public void Real_tools_output_is_decoded()
    {
        using var dir = new TempDir();
        var data = Codecs.Lines(30_000);
        var path = dir.Write("data", data);
        foreach (var (format, tool) in new[] { ("gzip", "gzip -9"), ("xz", "xz -9"), ("zstd", "zstd -19 -q"), ("bzip2", "bzip2 -1") })
        {
            var compressed = Convert.FromBase64String(Diff.Exec("sh", $"-c \"{tool} -c {path} | base64 -w0\""));
            Assert.Equal(format, Decompressors.Detect(compressed));
            Assert.Equal(data, Codecs.Decode(format, compressed));
        }
    }

    [Theory]
    [InlineData("gzip", "truncated gzip stream")]
    [InlineData("xz", "truncated xz stream")]
    [InlineData("zstd", "truncated zstd stream")]
    [InlineData("bzip2", "truncated bzip2 stream")]
    public void Truncated_data_is_malformed(string format, string reason)
    {
        var compressed = Compress(format, Codecs.Random(200_000, 3));
        var e = Assert.Throws<MalformedInputException>(() => Codecs.Decode(format, compressed[..(compressed.Length * 2 / 3)]));
        Assert.Equal(reason, e.Message);
    }

    [Theory]
    [InlineData("gzip", "gzip: compressed data is corrupt")]
    [InlineData("xz", "xz: compressed data is corrupt")]
    [InlineData("zstd", "zstd: ")]
    [InlineData("bzip2", "bzip2: compressed data is corrupt")]
    public void Corrupt_data_is_malformed(string format, string reason)
    {
        var compressed = Compress(format, Codecs.Lines(100_000));
        compressed[compressed.Length / 2] ^= 0x55;
        var e = Assert.Throws<MalformedInputException>(() => Codecs.Decode(format, compressed));
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposed_decoders_and_encoders_release_their_codec()
    {
        var d = new XzDecoderStream(new MemoryStream(Codecs.Xz([1, 2, 3])));
        d.Dispose();
        d.Dispose();
        Assert.Throws<ObjectDisposedException>(() => d.ReadByte());
        var e = new ZstdEncoderStream(new MemoryStream());
        e.Dispose();
        Assert.Throws<ObjectDisposedException>(() => e.WriteByte(1));
    }

    private static byte[] Encode(string format, byte[] data) => format switch
    {
        "xz" => Codecs.Xz(data),
        "zstd" => Codecs.Zstd(data),
        _ => Codecs.Bzip2(data),
    };

    private static byte[] Compress(string format, byte[] data)
    {
        if (format != "gzip")
        {
            return Encode(format, data);
        }

        var output = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }
}
