using System.IO.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Formats.Zip.ZipFixtures;

namespace Verbatim.Tests.Formats.Zip;

public class ZipDiffTests
{
    [Fact]
    public void Zips_built_alike_are_identical()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(new Entry("x.txt", "hello\n"), new Entry("d/y.bin", [1, 2, 3])));
        var b = dir.Write("b.zip", BuildZip(new Entry("x.txt", "hello\n"), new Entry("d/y.bin", [1, 2, 3])));
        var result = Diff.Run(a, b);
        Assert.True(result.Identical);
    }

    [Fact]
    public void Entry_times_are_timestamp_causes_with_decoded_dates()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(new Entry("x.txt", "hello\n") { Time = new DateTimeOffset(2020, 1, 2, 3, 4, 6, TimeSpan.Zero) }));
        var b = dir.Write("b.zip", BuildZip(new Entry("x.txt", "hello\n") { Time = new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero) }));
        var result = Diff.Run(a, b);
        var root = Assert.IsType<Difference>(result.Root);
        Assert.Equal("zip", root.Format);
        var local = Assert.Single(root.All(), d => d.Field == "local time");
        Assert.Equal("2020-01-02 03:04:06 (DOS local time)", local.Left);
        Assert.Equal("2024-05-06 07:08:10 (DOS local time)", local.Right);
        Assert.Equal(CauseKind.Timestamp, Assert.Single(local.Causes).Kind);
        Assert.Contains(root.All(), d => d.Field == "central time" && d.Causes.Any(c => c.Kind == CauseKind.Timestamp));
        Assert.DoesNotContain(root.All(), d => d.Kind is DifferenceKind.Text or DifferenceKind.Binary);
    }

    [Fact]
    public void Different_order_is_a_member_order_difference()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(new Entry("b.txt", "2"), new Entry("a.txt", "1"), new Entry("c.txt", "3")));
        var b = dir.Write("b.zip", BuildZip(new Entry("c.txt", "3"), new Entry("a.txt", "1"), new Entry("b.txt", "2")));
        var result = Diff.Run(a, b);
        var order = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Order);
        Assert.Contains(order.Causes, c => c.Kind is CauseKind.MemberOrder or CauseKind.LocaleOrdering);
        Assert.DoesNotContain(result.Root.All(), d => d.Kind is DifferenceKind.Added or DifferenceKind.Removed);
    }

    [Fact]
    public void Different_permissions_are_permission_causes()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(new Entry("run.sh", "echo hi\n") { UnixMode = 0x81A4 }));
        var b = dir.Write("b.zip", BuildZip(new Entry("run.sh", "echo hi\n") { UnixMode = 0x81ED }));
        var result = Diff.Run(a, b);
        var mode = Assert.Single(result.Root.All(), d => d.Field == "permissions");
        Assert.Equal("100644 (-rw-r--r--)", mode.Left);
        Assert.Equal("100755 (-rwxr-xr-x)", mode.Right);
        Assert.Equal(CauseKind.Permissions, Assert.Single(mode.Causes).Kind);
    }

    [Fact]
    public void Different_compression_method_of_the_same_content_is_a_compression_cause_only()
    {
        using var dir = new TempDir();
        var text = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n"));
        var a = dir.Write("a.zip", BuildZip(new Entry("x.txt", text) { Level = CompressionLevel.Optimal }));
        var b = dir.Write("b.zip", BuildZip(new Entry("x.txt", text) { Level = CompressionLevel.NoCompression }));
        var result = Diff.Run(a, b);
        var compression = Assert.Single(result.Root.All(), d => d.Field == "compression");
        Assert.Equal("deflate (normal)", compression.Left);
        Assert.Equal("stored", compression.Right);
        Assert.Equal(CauseKind.Compression, Assert.Single(compression.Causes).Kind);
        Assert.Contains(result.Root.All(), d => d.Field == "compressed size" && d.Causes.Any(c => c.Kind == CauseKind.Compression));
        Assert.DoesNotContain(result.Root.All(), d => d.Kind is DifferenceKind.Text or DifferenceKind.Binary);
    }

    [Fact]
    public void Different_deflate_level_of_the_same_content_is_a_compression_cause_only()
    {
        using var dir = new TempDir();
        dir.Write("src/x.txt", string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i % 37} of {i * 7919 % 1000}\n")));
        File.SetLastWriteTimeUtc(dir.File("src/x.txt"), new DateTime(2024, 1, 2, 3, 4, 6, DateTimeKind.Utc));
        Diff.Exec("zip", $"-q -X -1 {dir.File("a.zip")} x.txt", dir.File("src"));
        Diff.Exec("zip", $"-q -X -9 {dir.File("b.zip")} x.txt", dir.File("src"));
        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var compression = Assert.Single(result.Root.All(), d => d.Field == "compression");
        Assert.Equal("deflate (fast)", compression.Left);
        Assert.Equal("deflate (maximum)", compression.Right);
        Assert.Equal(CauseKind.Compression, Assert.Single(compression.Causes).Kind);
        Assert.DoesNotContain(result.Root.All(), d => d.Kind is DifferenceKind.Text or DifferenceKind.Binary);
    }

    [Fact]
    public void Info_zip_extra_fields_are_decoded()
    {
        using var dir = new TempDir();
        foreach (var (side, time) in new[] { ("a", new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc)), ("b", new DateTime(2023, 2, 3, 4, 5, 6, DateTimeKind.Utc)) })
        {
            dir.Write($"{side}/x.txt", "same\n");
            File.SetLastWriteTimeUtc(dir.File($"{side}/x.txt"), time);
            Diff.Exec("zip", $"-q {dir.File(side + ".zip")} x.txt", dir.File(side));
        }

        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var mtime = Assert.Single(result.Root.All(), d => d.Field == "mtime (extra 0x5455)");
        Assert.Equal("2021-06-07 08:09:10 UTC (1623053350)", mtime.Left);
        Assert.Equal("2023-02-03 04:05:06 UTC (1675397106)", mtime.Right);
        Assert.Equal(CauseKind.Timestamp, Assert.Single(mtime.Causes).Kind);
    }

    [Fact]
    public void A_changed_member_of_a_nested_zip_is_found_by_recursion()
    {
        using var dir = new TempDir();
        var innerA = BuildZip(new Entry("conf.txt", "version=1\n"), new Entry("same.txt", "same\n"));
        var innerB = BuildZip(new Entry("conf.txt", "version=2\n"), new Entry("same.txt", "same\n"));
        var a = dir.Write("a.zip", BuildZip(new Entry("lib/inner.zip", innerA), new Entry("top.txt", "top\n")));
        var b = dir.Write("b.zip", BuildZip(new Entry("lib/inner.zip", innerB), new Entry("top.txt", "top\n")));
        var result = Diff.Run(a, b);
        var inner = Assert.Single(result.Root.All(), d => d.Path1.EndsWith("::lib/inner.zip", StringComparison.Ordinal) && d.Kind == DifferenceKind.Node);
        Assert.Equal("zip", inner.Format);
        var text = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.EndsWith("a.zip::lib/inner.zip::conf.txt", text.Path1, StringComparison.Ordinal);
        Assert.Contains("-version=1", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+version=2", text.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Symlink_targets_are_compared_without_following_them()
    {
        using var dir = new TempDir();
        foreach (var (side, target) in new[] { ("a", "/build/a/target"), ("b", "/build/b/target") })
        {
            Directory.CreateDirectory(dir.File(side));
            File.CreateSymbolicLink(dir.File($"{side}/link"), target);
            Diff.Exec("zip", $"-q -X -y {dir.File(side + ".zip")} link", dir.File(side));
        }

        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var link = Assert.Single(result.Root.All(), d => d.Field == "link target");
        Assert.Equal("/build/a/target", link.Left);
        Assert.Equal("/build/b/target", link.Right);
    }

    [Fact]
    public void Text_report_golden()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(
            new Entry("README", "built 2024-01-02 in /build/a\n"),
            new Entry("bin/tool", "same") { UnixMode = 0x81ED }));
        var b = dir.Write("b.zip", BuildZip(
            new Entry("README", "built 2024-03-04 in /build/a\n") { Time = new DateTimeOffset(2024, 3, 4, 5, 6, 8, TimeSpan.Zero) },
            new Entry("bin/tool", "same") { UnixMode = 0x81A4 }));
        var text = Diff.Run(a, b).Text().Replace(dir.Path, "/tmp", StringComparison.Ordinal);
        Assert.Equal(GoldenReport, text);
    }

    private const string GoldenReport =
        """
        verbatim diff: 4 differences in 2 members; causes: embedded timestamp (3), permissions (1)
        --- /tmp/a.zip
        +++ /tmp/b.zip
        ├── README [text]
        │   ├── local time: 2024-01-02 03:04:06 (DOS local time) → 2024-03-04 05:06:08 (DOS local time)
        │   │   │ ⚑ cause: embedded timestamp — the archiver recorded when the file was written (local time) (2024-01-02 03:04:06 (DOS local time) → 2024-03-04 05:06:08 (DOS local time))
        │   ├── central time: 2024-01-02 03:04:06 (DOS local time) → 2024-03-04 05:06:08 (DOS local time)
        │   │   │ ⚑ cause: embedded timestamp — the archiver recorded when the file was written (central time) (2024-01-02 03:04:06 (DOS local time) → 2024-03-04 05:06:08 (DOS local time))
        │   └── text differs
        │       │ ⚑ cause: embedded timestamp — embedded date differs (2024-01-02 → 2024-03-04)
        │       │ @@ -1 +1 @@
        │       │ -built 2024-01-02 in /build/a
        │       │ +built 2024-03-04 in /build/a
        └── bin/tool
            └── permissions: 100755 (-rwxr-xr-x) → 100644 (-rw-r--r--)
                │ ⚑ cause: permissions — file permissions differ (permissions): the build's umask or the tool's defaults (100755 (-rwxr-xr-x) → 100644 (-rw-r--r--))
        """ + "\n";
}
