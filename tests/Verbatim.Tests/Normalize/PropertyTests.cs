using System.Formats.Tar;
using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Normalize;

/// <summary>
/// Properties over generated archives (30 cases each): normalizing is idempotent, keeps every member's contents
/// (checked with the diff engine), and two archives differing only in times, order, owners or tar header format
/// normalize to the same bytes.
/// </summary>
public class PropertyTests
{
    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(30);

    private static readonly string[] Names = ["a.txt", "b.bin", "dir/", "dir/c.txt", "dir/sub/d.txt", "e", "Z.txt", "dir/sub/"];

    public static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Zip_normalization_is_idempotent_preserves_content_and_converges() =>
        Prop.ForAll(Seeds, seed =>
        {
            using var dir = new TempDir();
            var members = Members(new Random(seed));
            WriteZip(dir.File("one.zip"), members, new Random(seed + 1));
            WriteZip(dir.File("two.zip"), members, new Random(seed + 2));
            var one = Normalizer.Copy(dir.File("one.zip"), "one.n.zip");
            var two = Normalizer.Copy(dir.File("two.zip"), "two.n.zip");
            Normalizer.AssertIdempotent(one);
            Normalizer.AssertSameContent(dir.File("one.zip"), one);
            Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        }).Check(Bounded);

    [Fact]
    public void Tar_gz_normalization_is_idempotent_preserves_content_and_converges() =>
        Prop.ForAll(Seeds, seed =>
        {
            using var dir = new TempDir();
            var members = Members(new Random(seed));
            WriteTarGz(dir.File("one.tar.gz"), members, new Random(seed + 1));
            WriteTarGz(dir.File("two.tar.gz"), members, new Random(seed + 2));
            var one = Normalizer.Copy(dir.File("one.tar.gz"), "one.n.tar.gz");
            var two = Normalizer.Copy(dir.File("two.tar.gz"), "two.n.tar.gz");
            Normalizer.AssertIdempotent(one);
            Normalizer.AssertSameContent(dir.File("one.tar.gz"), one);
            Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        }).Check(Bounded);

    /// <summary>Members (name, contents) with parents of every file present, and random text or bytes.</summary>
    private static List<(string Name, byte[] Data)> Members(Random random)
    {
        var chosen = Names.Where(_ => random.Next(3) > 0).ToHashSet(StringComparer.Ordinal);
        chosen.Add("a.txt");
        foreach (var name in chosen.ToList())
        {
            for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash >= 0 && slash < name.Length - 1; slash = name.IndexOf('/', slash + 1))
            {
                chosen.Add(name[..(slash + 1)]);
            }
        }

        return [.. chosen.Order(StringComparer.Ordinal).Select(name => (name, name.EndsWith('/') ? [] : Data(random)))];
    }

    private static byte[] Data(Random random)
    {
        var bytes = new byte[random.Next(0, 3000)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)"abc \n"[random.Next(5)];
            }
        }

        return bytes;
    }

    /// <summary>A zip of the members in a random order with random times after the reference time.</summary>
    private static void WriteZip(string path, List<(string Name, byte[] Data)> members, Random random)
    {
        var shuffled = members.OrderBy(_ => random.Next()).ToList();
        ZipFixtures.Write(path, shuffled.Select(m => new ZipFixtures.Entry(m.Name, m.Data, Time(random))));
    }

    /// <summary>A tar.gz of the members in a random order, random header format, times, owners and gzip level.</summary>
    private static void WriteTarGz(string path, List<(string Name, byte[] Data)> members, Random random)
    {
        var format = new[] { TarEntryFormat.Ustar, TarEntryFormat.Pax, TarEntryFormat.Gnu }[random.Next(3)];
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, random.Next(2) == 0 ? CompressionLevel.Fastest : CompressionLevel.SmallestSize);
        using var tar = new TarWriter(gzip, format);
        foreach (var (name, data) in members.OrderBy(_ => random.Next()))
        {
            var type = name.EndsWith('/') ? TarEntryType.Directory : TarEntryType.RegularFile;
            TarEntry entry = format switch
            {
                TarEntryFormat.Pax => new PaxTarEntry(type, name),
                TarEntryFormat.Gnu => new GnuTarEntry(type, name),
                _ => new UstarTarEntry(type, name),
            };
            entry.ModificationTime = Time(random);
            entry.Uid = random.Next(0, 70000);
            entry.Gid = random.Next(0, 70000);
            entry.Mode = type == TarEntryType.Directory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
            ((PosixTarEntry)entry).UserName = random.Next(2) == 0 ? "builder" : "";
            if (type == TarEntryType.RegularFile)
            {
                entry.DataStream = new MemoryStream(data);
            }

            tar.WriteEntry(entry);
        }
    }

    private static DateTimeOffset Time(Random random) =>
        DateTimeOffset.FromUnixTimeSeconds(Normalizer.Reference + 2 + random.NextInt64(0, 300_000_000)).ToOffset(TimeSpan.Zero);
}
