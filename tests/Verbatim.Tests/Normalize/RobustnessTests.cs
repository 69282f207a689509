using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Formats.Compressed;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

/// <summary>
/// Inputs a consumer would reject, or that would expand without bound: each is refused with exit 2 and a one-line
/// reason, quickly, and left byte for byte as it was (no temporary file either).
/// </summary>
public class RobustnessTests
{
    private const long TenGigabytes = 10L << 30;

    [Fact]
    public void Ten_gigabytes_of_zeros_in_gzip_is_refused_by_the_ratio_limit() =>
        AssertRefused(dir => dir.Write("zeros.gz", ZerosGzip(dir, TenGigabytes)), "compression ratio limit");

    [Theory]
    [InlineData("xz")]
    [InlineData("zstd")]
    [InlineData("bzip2")]
    public void Ten_gigabytes_of_zeros_in_xz_zstd_or_bzip2_is_refused_by_the_ratio_limit(string format) =>
        AssertRefused(dir => dir.Write("zeros." + format, ConcatenatedZeros(format, TenGigabytes)), "compression ratio limit");

    [Fact]
    public void Nested_zip_bomb_is_refused()
    {
        // 42.zip in small: 16 zips of 16 zips of 80 MiB of zeros (20 GiB) in well under a megabyte.
        var leaf = Zip([("zeros.bin", new byte[80 << 20])]);
        var middle = Zip(Enumerable.Range(0, 16).Select(i => ($"{i:x}.zip", leaf)));
        var bomb = Zip(Enumerable.Range(0, 16).Select(i => ($"{i:x}.zip", middle)));
        Assert.True(bomb.Length < 1 << 20, $"{bomb.Length} bytes");
        AssertRefused(dir => dir.Write("42.zip", bomb), "compression ratio limit");
    }

    [Fact]
    public void Zip_whose_last_deflate_byte_is_missing_is_refused()
    {
        using var dir = new TempDir();
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i}\n"));
        Write(dir.File("a.zip"), [Text("a.txt", text, At(2024))]);
        var bytes = File.ReadAllBytes(dir.File("a.zip"));
        var (dataStart, compressed) = FirstEntryData(bytes);
        // Drop the entry's last compressed byte: shift the rest of the file down and shrink the recorded sizes and offsets.
        byte[] cut = [.. bytes[..(dataStart + compressed - 1)], .. bytes[(dataStart + compressed)..]];
        BinaryPrimitives.WriteUInt32LittleEndian(cut.AsSpan(18), (uint)(compressed - 1));
        var central = cut.Length - 22 - BinaryPrimitives.ReadInt32LittleEndian(cut.AsSpan(cut.Length - 22 + 12));
        BinaryPrimitives.WriteUInt32LittleEndian(cut.AsSpan(central + 20), (uint)(compressed - 1));
        BinaryPrimitives.WriteUInt32LittleEndian(cut.AsSpan(cut.Length - 22 + 16), (uint)central);
        AssertRefused(d => d.Write("cut.zip", cut), "a.txt: the deflate stream does not end where the entry does");
    }

    [Fact]
    public void Zip_whose_local_header_disagrees_with_the_central_directory_is_refused() => AssertRefused(dir =>
    {
        Write(dir.File("a.zip"), [Text("a.txt", "hello\n", At(2024))]);
        var bytes = File.ReadAllBytes(dir.File("a.zip"));
        bytes[14] ^= 0xFF; // the local header's CRC-32
        return dir.Write("disagree.zip", bytes);
    }, "the local header disagrees with the central directory: crc-32");

    [Fact]
    public void Deb_whose_members_are_out_of_order_is_refused() => AssertRefused(dir =>
        dir.Write("bad.deb", Ar(("debian-binary", "2.0\n"u8.ToArray()), ("data.tar.gz", Gzip([])), ("control.tar.gz", Gzip([])))),
        "not a valid .deb: the members after debian-binary are data.tar.gz, control.tar.gz");

    [Fact]
    public void Deb_whose_debian_binary_is_wrong_is_refused() => AssertRefused(dir =>
        dir.Write("bad.deb", Ar(("debian-binary", "3.0"u8.ToArray()), ("control.tar.gz", Gzip([])), ("data.tar.gz", Gzip([])))),
        "debian-binary holds '3.0'");

    [Fact]
    public void Mo_with_a_string_offset_past_the_end_is_refused() => AssertRefused(dir =>
    {
        var mo = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(mo, 0x950412de);
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(8), 1); // one string
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(12), 28); // originals table
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(16), 36); // translations table
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(28), 3); // original: 3 bytes
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(32), 44);
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(36), 4); // translation: 4 bytes at 9999
        BinaryPrimitives.WriteUInt32LittleEndian(mo.AsSpan(40), 9999);
        return dir.Write("bad.mo", mo);
    }, "the translated string 0 (offset 9999");

    [Fact]
    public void Tar_hard_link_carrying_data_to_an_empty_target_is_refused() => AssertRefused(dir =>
        dir.Write("link.tar", Tar(("empty.txt", (byte)'0', [], 0x1A4), ("link.txt", (byte)'1', "data\n"u8.ToArray(), 0x1A4))),
        "link.txt: a hard link to empty.txt carries 5 bytes of data but empty.txt has 0");

    [Fact]
    public void Tar_mode_in_base_256_out_of_range_is_refused() => AssertRefused(dir =>
        dir.Write("mode.tar", Tar(("a.txt", (byte)'0', "a\n"u8.ToArray(), 0x1_0000_01A4))),
        "a.txt: mode 4294967716 is out of range");

    private static void AssertRefused(Func<TempDir, string> make, string reason)
    {
        using var dir = new TempDir();
        var path = make(dir);
        var before = File.ReadAllBytes(path);
        var files = Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        var result = InProcessCli.Run("normalize", "--timestamp", "1600000000", path);
        clock.Stop();
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"verbatim normalize: {path}: left untouched: ", line, StringComparison.Ordinal);
        Assert.True(line.Contains(reason, StringComparison.Ordinal), line);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(files, Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    /// <summary>
    /// A gzip member of <paramref name="length"/> zeros made without compressing them all: zlib's output for 1 MiB of
    /// zeros after a full flush repeats, so the block is written as many times as needed; the trailer's CRC-32 is
    /// that of the zeros (computed by shifting through zero bytes).
    /// </summary>
    private static byte[] ZerosGzip(TempDir dir, long length)
    {
        const int Chunk = 1 << 20;
        var script = dir.Write("zeros.py", $"""
            import sys, zlib
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            z = bytes({Chunk})
            first = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH)
            block = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH)
            again = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH)
            assert block == again
            sys.stdout.buffer.write(len(first).to_bytes(4, "little") + first + len(block).to_bytes(4, "little") + block + c.flush())
            """);
        var output = Normalizer.ExecBytes("python3", script);
        var firstLength = BinaryPrimitives.ReadInt32LittleEndian(output);
        var first = output.AsSpan(4, firstLength).ToArray();
        var blockLength = BinaryPrimitives.ReadInt32LittleEndian(output.AsSpan(4 + firstLength));
        var block = output.AsSpan(8 + firstLength, blockLength).ToArray();
        var final = output.AsSpan(8 + firstLength + blockLength).ToArray();
        using var gz = new MemoryStream();
        gz.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
        gz.Write(first);
        for (var i = 1L; i < length / Chunk; i++)
        {
            gz.Write(block);
        }

        gz.Write(final);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32OfZeros(length));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)length);
        gz.Write(trailer);
        return gz.ToArray();
    }

    /// <summary>Streams of 64 MiB of zeros, one after the other (xz, zstd and bzip2 decoders read concatenated streams).</summary>
    private static byte[] ConcatenatedZeros(string format, long length)
    {
        var zeros = new byte[64 << 20];
        var one = format switch
        {
            "xz" => Codecs.Xz(zeros, preset: 0),
            "zstd" => Codecs.Zstd(zeros, level: 1),
            _ => Codecs.Bzip2(zeros, blockSize: 9),
        };
        using var all = new MemoryStream();
        for (var i = 0L; i < length / zeros.Length; i++)
        {
            all.Write(one);
        }

        return all.ToArray();
    }

    /// <summary>The CRC-32 of <paramref name="count"/> zero bytes: the register shifted through zeros by squaring the one-zero-bit operator.</summary>
    private static uint Crc32OfZeros(long count)
    {
        // Appending zeros to a CRC is linear in GF(2): apply the "one zero byte" matrix count times, by squaring.
        var crc = 0xFFFFFFFFu;
        var op = new uint[32];
        op[0] = 0xEDB88320;
        for (var i = 1; i < 32; i++)
        {
            op[i] = 1u << (i - 1);
        }

        var odd = Square(Square(Square(op))); // eight zero bits: one zero byte
        for (var n = count; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                crc = Times(odd, crc);
            }

            odd = Square(odd);
        }

        return ~crc;

        static uint Times(uint[] matrix, uint vector)
        {
            var sum = 0u;
            for (var i = 0; vector != 0; i++, vector >>= 1)
            {
                if ((vector & 1) != 0)
                {
                    sum ^= matrix[i];
                }
            }

            return sum;
        }

        static uint[] Square(uint[] matrix) => [.. matrix.Select(row => Times(matrix, row))];
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(data);
            }
        }

        return memory.ToArray();
    }

    private static (int DataStart, int Compressed) FirstEntryData(byte[] zip) =>
        (30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28)), BinaryPrimitives.ReadInt32LittleEndian(zip.AsSpan(18)));

    private static byte[] Gzip(byte[] data) => TarNormalizerTests.Gzip(data);

    private static byte[] Ar(params (string Name, byte[] Data)[] members)
    {
        var ar = new MemoryStream();
        ar.Write("!<arch>\n"u8);
        foreach (var (name, data) in members)
        {
            ar.Write(Encoding.ASCII.GetBytes($"{name,-16}{0,-12}{0,-6}{0,-6}{"100644",-8}{data.Length,-10}`\n"));
            ar.Write(data);
            if (data.Length % 2 == 1)
            {
                ar.WriteByte((byte)'\n');
            }
        }

        return ar.ToArray();
    }

    /// <summary>A ustar archive with the given members; a mode beyond 7 octal digits is written in GNU base-256.</summary>
    private static byte[] Tar(params (string Name, byte Type, byte[] Data, long Mode)[] members)
    {
        var tar = new MemoryStream();
        foreach (var (name, type, data, mode) in members)
        {
            var h = new byte[512];
            Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
            if (mode > 0x1FFFFF)
            {
                h[100] = 0x80;
                BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(100), mode);
                h[100] = 0x80;
            }
            else
            {
                Encoding.ASCII.GetBytes(Convert.ToString(mode, 8).PadLeft(7, '0')).CopyTo(h, 100);
            }

            Encoding.ASCII.GetBytes("0000000").CopyTo(h, 108);
            Encoding.ASCII.GetBytes("0000000").CopyTo(h, 116);
            Encoding.ASCII.GetBytes(Convert.ToString(data.Length, 8).PadLeft(11, '0')).CopyTo(h, 124);
            Encoding.ASCII.GetBytes("14000000000").CopyTo(h, 136);
            h[156] = type;
            if (type == (byte)'1')
            {
                "empty.txt"u8.CopyTo(h.AsSpan(157));
            }

            "ustar\u000000"u8.CopyTo(h.AsSpan(257));
            h.AsSpan(148, 8).Fill((byte)' ');
            var sum = h.Sum(b => b);
            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
            tar.Write(h);
            tar.Write(data);
            tar.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }

        tar.Write(new byte[1024]);
        return tar.ToArray();
    }
}
