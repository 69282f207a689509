using System.Text.Json;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

public class NormalizeCommandTests
{
    [Fact]
    public void Check_changes_nothing_and_exits_1_when_something_would_change()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("b.txt", "b", At(2024)), Text("a.txt", "a", At(2024))]);
        var before = File.ReadAllBytes(path);
        var result = NormalizeCli.Run("1600000000", "--check", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("would-change", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("entry order", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));

        Assert.Equal(0, NormalizeCli.Run("1600000000", path).ExitCode);
        Assert.Equal(0, NormalizeCli.Run("1600000000", "--check", path).ExitCode);
    }

    [Fact]
    public void Reference_time_comes_from_the_option_then_the_environment_else_it_is_an_error()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("a.txt", "a", At(2024))]);
        var missing = NormalizeCli.Run(null, path);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no reference time: pass --timestamp EPOCH or set SOURCE_DATE_EPOCH", missing.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, NormalizeCli.Run("yesterday", path).ExitCode);

        var json = NormalizeCli.Run("1600000000", "--check", "--timestamp", "1500000000", "--json", "-", path);
        Assert.Equal(1500000000, JsonDocument.Parse(json.StdOut).RootElement.GetProperty("referenceTime").GetInt64());
        json = NormalizeCli.Run("1600000000", "--check", "--json", "-", path);
        Assert.Equal(1600000000, JsonDocument.Parse(json.StdOut).RootElement.GetProperty("referenceTime").GetInt64());
    }

    [Fact]
    public void Unchanged_files_are_not_rewritten()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("a.txt", "a", At(2024))]);
        Assert.Equal(0, NormalizeCli.Run("1600000000", "--in-place", path).ExitCode);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        var result = NormalizeCli.Run("1600000000", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unchanged", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Output_option_writes_elsewhere_and_keeps_the_input()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("a.txt", "a", At(2024))]);
        var before = File.ReadAllBytes(path);
        Assert.Equal(0, NormalizeCli.Run("1600000000", "-o", dir.File("out.zip"), path).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.NotEqual(before, File.ReadAllBytes(dir.File("out.zip")));
        Assert.Equal(2, NormalizeCli.Run("1600000000", "-o", dir.File("x"), "--in-place", path).ExitCode);
        Assert.Equal(2, NormalizeCli.Run("1600000000", "-o", dir.File("missing-dir"), path, path).ExitCode);
        Directory.CreateDirectory(dir.File("outdir"));
        Assert.Equal(0, NormalizeCli.Run("1600000000", "-o", dir.File("outdir"), path).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("out.zip")), File.ReadAllBytes(dir.File("outdir/a.zip")));
    }

    [Fact]
    public void Bad_files_are_left_untouched_reported_and_exit_2_while_good_ones_are_done()
    {
        using var dir = new TempDir();
        var good = dir.File("good.zip");
        Write(good, [Text("a.txt", "a", At(2024))]);
        var bad = dir.Write("bad.zip", File.ReadAllBytes(good)[..40]);
        var text = dir.Write("notes.txt", "plain text\n");
        var result = NormalizeCli.Run("1600000000", "--json", dir.File("report.json"), good, bad, text);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.zip: left untouched:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("notes.txt: left untouched: unsupported", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(40, new FileInfo(bad).Length);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(["changed", "failed", "failed"], files.EnumerateArray().Select(f => f.GetProperty("status").GetString()));
        Assert.Equal(["good.zip", "notes.txt", "report.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Where(n => n != "bad.zip").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Json_report_is_byte_stable_with_sorted_keys()
    {
        using var dir = new TempDir();
        var path = dir.File("a.zip");
        Write(path, [Text("b.txt", "b", At(2024)), Text("a.txt", "a", At(2019))]);
        var first = NormalizeCli.Run("1600000000", "--check", "--json", "-", path).StdOut;
        var second = NormalizeCli.Run("1600000000", "--check", "--json", "-", path).StdOut;
        Assert.Equal(first, second);
        using var doc = JsonDocument.Parse(first);
        Assert.Equal(["check", "files", "referenceTime", "summary"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal(["changes", "handler", "path", "status"], file.EnumerateObject().Select(p => p.Name)); // no reason: null members are dropped
        Assert.Equal(["field", "from", "id", "member", "to"], file.GetProperty("changes")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("zip-entry-order", file.GetProperty("changes")[0].GetProperty("id").GetString());
    }
}
