using System.Formats.Tar;
using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

/// <summary>The exact list of changes each handler reports (check mode) for a fixed fixture.</summary>
public class GoldenTests
{
    [Fact]
    public void Zip() => AssertGolden(dir =>
    {
        Write(dir.File("x.zip"), [Text("b.txt", "b", At(2024)), Text("a.txt", "a", At(2019))]);
        return dir.File("x.zip");
    }, """
        zip would-change
        (file) | entry order | as archived -> canonical (by name)
        b.txt | mtime | 2024-01-01 12:00:00 (DOS local time) -> 2020-09-13 12:26:40 (DOS local time)
        """);

    [Fact]
    public void Tar() => AssertGolden(dir =>
    {
        TarNormalizerTests.WriteTar(dir.File("x.tar"), TarEntryFormat.Gnu, ["b.txt", "a/"], 1700000000, 1000, "alice");
        return dir.File("x.tar");
    }, """
        tar would-change
        (file) | member order | as archived -> canonical (by name)
        b.txt | mtime | 2023-11-14 22:13:20 UTC (1700000000) -> 2020-09-13 12:26:40 UTC (1600000000)
        b.txt | uid | 1000 -> 0
        b.txt | gid | 1000 -> 0
        b.txt | uname | alice -> (removed)
        b.txt | gname | alice -> (removed)
        a/ | mtime | 2023-11-14 22:13:20 UTC (1700000000) -> 2020-09-13 12:26:40 UTC (1600000000)
        a/ | uid | 1000 -> 0
        a/ | gid | 1000 -> 0
        a/ | uname | alice -> (removed)
        a/ | gname | alice -> (removed)
        """);

    [Fact]
    public void Gzip() => AssertGolden(dir =>
    {
        var gz = TarNormalizerTests.Gzip("gzipped\n"u8.ToArray());
        gz[3] = 8;
        BitConverter.GetBytes(1700000000).CopyTo(gz, 4);
        gz[9] = 11;
        return dir.Write("x.gz", [.. gz[..10], .. "x.txt\0"u8.ToArray(), .. gz[10..]]);
    }, """
        gzip would-change
        (file) | gzip mtime | 2023-11-14 22:13:20 UTC (1700000000) -> 0
        (file) | gzip OS | 11 -> 3 (Unix)
        (file) | gzip original name | x.txt -> (removed)
        (file) | gzip extra flags | 4 -> 0
        """);

    [Fact]
    public void Png() => AssertGolden(dir => dir.Write("x.png", SmallFormatTests.Png.Build(withDates: true)), """
        png would-change
        (file) | tIME chunk | 2024-03-04 05:06:07 -> (removed)
        (file) | tEXt chunk | date:create -> (removed)
        (file) | tEXt chunk | date:modify -> (removed)
        """);

    [Fact]
    public void Ar() => AssertGolden(dir =>
    {
        var ar = new StringBuilder("!<arch>\n");
        ar.Append("a.o/            1700000000  1000  1000  100600  4         `\nobj\n");
        ar.Append("b.o/            1500000000  0     0     100644  3         `\nab\n\n");
        return dir.Write("x.a", Encoding.ASCII.GetBytes(ar.ToString()));
    }, """
        ar would-change
        a.o | mtime | 2023-11-14 22:13:20 UTC (1700000000) -> 2020-09-13 12:26:40 UTC (1600000000)
        a.o | uid | 1000 -> 0
        a.o | gid | 1000 -> 0
        a.o | mode | 100600 -> 100644
        """);

    [Fact]
    public void Nupkg() => AssertGolden(dir =>
    {
        PackageFormatTests.Nupkg(dir.File("x.nupkg"), At(2019), seed: 7);
        return dir.File("x.nupkg");
    }, """
        nupkg would-change
        (file) | entry order | as archived -> canonical (by name)
        package/services/metadata/core-properties/4b6304f69562e168ff4199ea1fb201b0.psmdcp | name | package/services/metadata/core-properties/4b6304f69562e168ff4199ea1fb201b0.psmdcp -> package/services/metadata/core-properties/10e4edcba3c7f92923864dd0a644ab3c.psmdcp
        _rels/.rels | relationship id | R61B1380D3CA8FF77 -> R7dc4f187e3727e67
        _rels/.rels | relationship id | R82662A0429E93214 -> R9af27c3d088c288a
        """);

    private static void AssertGolden(Func<TempDir, string> make, string expected)
    {
        using var dir = new TempDir();
        var outcome = Normalizer.Run(make(dir), check: true);
        var lines = new List<string> { $"{outcome.Handler} {NormalizeReport.StatusName(outcome.Status)}{(outcome.Reason is null ? "" : ": " + outcome.Reason)}" };
        lines.AddRange(outcome.Changes.Select(c => $"{(c.Member.Length == 0 ? "(file)" : c.Member)} | {c.Field} | {c.From ?? "(none)"} -> {c.To ?? "(removed)"}"));
        Assert.Equal(expected.ReplaceLineEndings("\n"), string.Join('\n', lines));
    }
}
