using Verbatim.Core.Compression;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Verbatim.Archives;

namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// What an npm tarball's bytes reveal about the npm that packed it: the gzip header (mtime, extra flags, OS byte:
/// 255 from npm 7, else zlib's own — 3 Unix, 19 macOS), the deflate level (found by recompressing its tar with the
/// system zlib at each level), the member times (the fixed 1985-10-26T08:15:00Z of npm 5.8 and later) and order
/// (<c>package.json</c> first before npm 6.10).
/// </summary>
internal sealed record NpmTarball(byte[] Header, byte[] Tar, int? Level, IReadOnlyList<NpmTarMember> Entries)
{
    public IReadOnlyList<string> Members => [.. Entries.Select(e => e.Name)];

    public long? FirstMtime => Entries.Count > 0 ? Entries[0].Mtime : null;

    /// <summary>The fixed member time of npm 5.8 and later: 1985-10-26T08:15:00Z.</summary>
    public const long FixedMtime = 499162500;

    /// <summary>The largest tar recompressed to find the level.</summary>
    private const int MaxProbeBytes = 64 << 20;

    public byte Os => Header[9];

    public byte ExtraFlags => Header[8];

    /// <exception cref="InvalidDataException">Not a gzip-compressed tar (of members <see cref="NpmTarMembers"/> follows).</exception>
    public static NpmTarball Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8)
        {
            throw new InvalidDataException("not a gzip file");
        }

        byte[] tar;
        using (var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        using (var output = new MemoryStream())
        {
            input.CopyTo(output);
            tar = output.ToArray();
        }

        var header = bytes[..10];
        int? level = null;
        if ((bytes[3] & ~1) == 0 && tar.Length <= MaxProbeBytes)
        {
            var body = bytes.AsSpan(10 + ((bytes[3] & 2) != 0 ? 2 : 0), bytes.Length - 18 - ((bytes[3] & 2) != 0 ? 2 : 0));
            for (var candidate = 9; candidate >= 1 && level is null; candidate--)
            {
                if (SystemDeflate.Compress(tar, candidate).AsSpan().SequenceEqual(body))
                {
                    level = candidate;
                }
            }
        }

        return new NpmTarball(header, tar, level, NpmTarMembers.Scan(tar).Members);
    }

    /// <summary>The level to recompress at: the one that reproduced the reference, else what its extra flags hint (2: 9, 4: 1, else 6).</summary>
    public int LevelOrHint => Level ?? ExtraFlags switch { 2 => 9, 4 => 1, _ => 6 };

    /// <summary>A gzip of <paramref name="tar"/> deflated by the system zlib at <paramref name="level"/>, with this header's mtime, extra flags and OS byte.</summary>
    public byte[] Recompress(byte[] tar, int level)
    {
        var deflated = SystemDeflate.Compress(tar, level);
        var output = new byte[10 + deflated.Length + 8];
        output[0] = 0x1f;
        output[1] = 0x8b;
        output[2] = 8;
        output[3] = 0;
        Header.AsSpan(4, 6).CopyTo(output.AsSpan(4));
        deflated.CopyTo(output.AsSpan(10));
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(10 + deflated.Length), Crc32.Compute(tar));
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(14 + deflated.Length), (uint)tar.Length);
        return output;
    }

    public static string OsName(byte os) => os switch
    {
        255 => "255 (unknown: npm 7 and later)",
        3 => "3 (Unix: zlib's own, npm 6 and earlier)",
        19 => "19 (macOS: zlib's own, npm 6 and earlier)",
        0 => "0 (FAT/Windows)",
        10 => "10 (NTFS/Windows)",
        _ => os.ToString(CultureInfo.InvariantCulture),
    };
}
