using System.IO.Compression;
using System.Text.Json;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

/// <summary>Named normalizations: ids on every change, --only / --skip / --with, and --set-times.</summary>
public class SelectionTests
{
    [Fact]
    public void Every_change_in_the_json_report_carries_a_registered_id()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("b.txt", "b", At(2024)), Text("a.txt", "a", At(2019))]);
        var result = InProcessCli.Run("normalize", "--timestamp", "1600000000", "--check", "--json", "-", path);
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var ids = json.RootElement.GetProperty("files")[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Contains("zip-entry-order", ids);
        Assert.Contains("zip-entry-times", ids);
        Assert.All(ids, id => Assert.NotNull(Normalizations.Find(id)));
    }

    [Fact]
    public void Skip_leaves_that_normalization_out_and_only_applies_just_the_ones_named()
    {
        using var dir = new TempDir();
        var skipped = dir.File("skipped.zip");
        var only = dir.File("only.zip");
        Write(skipped, [Text("b.txt", "b", At(2024)), Text("a.txt", "a", At(2019))]);
        File.Copy(skipped, only);

        Assert.Equal(0, InProcessCli.Run("normalize", "--timestamp", "1600000000", "--skip", "zip-entry-order", skipped).ExitCode);
        Assert.Equal(0, InProcessCli.Run("normalize", "--timestamp", "1600000000", "--only", "zip-entry-order", only).ExitCode);

        using (var zip = ZipFile.OpenRead(skipped))
        {
            Assert.Equal(["b.txt", "a.txt"], zip.Entries.Select(e => e.FullName));
            Assert.Equal(new DateTimeOffset(2020, 9, 13, 12, 26, 40, TimeSpan.Zero), zip.Entries[0].LastWriteTime.ToUniversalTime());
        }

        using (var zip = ZipFile.OpenRead(only))
        {
            Assert.Equal(["a.txt", "b.txt"], zip.Entries.Select(e => e.FullName));
            Assert.Equal(2024, zip.Entries[1].LastWriteTime.Year);
        }
    }

    [Fact]
    public void Unknown_id_is_a_usage_error_listing_the_valid_ids()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("a.txt", "a", At(2024))]);
        var before = File.ReadAllBytes(path);
        var result = InProcessCli.Run("normalize", "--timestamp", "1600000000", "--skip", "zip-entry-times,no-such-thing", path);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown normalization no-such-thing", line, StringComparison.Ordinal);
        Assert.All(Normalizations.All, n => Assert.Contains(n.Id, line, StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Set_times_makes_archives_whose_times_all_precede_the_reference_converge()
    {
        using var dir = new TempDir();
        var one = dir.File("one/a.zip");
        var two = dir.File("two/a.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(one)!);
        Directory.CreateDirectory(Path.GetDirectoryName(two)!);
        Write(one, [Text("a.txt", "a", At(2001)), Text("b.txt", "b", At(2002))]);
        Write(two, [Text("a.txt", "a", At(2011)), Text("b.txt", "b", At(2012))]);

        Normalizer.Run(one);
        Normalizer.Run(two);
        Assert.NotEqual(File.ReadAllBytes(one), File.ReadAllBytes(two));

        var outcome = Normalizer.Run(one, setTimes: true);
        Normalizer.Run(two, setTimes: true);
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        Assert.Contains(outcome.Changes, c => c.Id == "zip-entry-times");
        using var zip = ZipFile.OpenRead(one);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTimeOffset(2020, 9, 13, 12, 26, 40, TimeSpan.Zero), e.LastWriteTime.ToUniversalTime()));
    }

    [Fact]
    public void Set_times_on_the_command_line_sets_tar_times_too()
    {
        using var dir = new TempDir();
        var path = dir.File("a.tar");
        TarNormalizerTests.WriteTar(path, System.Formats.Tar.TarEntryFormat.Ustar, ["a.txt"], mtime: 978307200, uid: 0, owner: "");
        Assert.Equal(0, InProcessCli.Run("normalize", "--timestamp", "1600000000", "--set-times", path).ExitCode);
        using var reader = new System.Formats.Tar.TarReader(File.OpenRead(path));
        Assert.Equal(1600000000, reader.GetNextEntry()!.ModificationTime.ToUnixTimeSeconds());
    }
}
