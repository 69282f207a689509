using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Tar;

public class TarFormatTests
{
    private const string Fixed = "--sort=name --owner=0 --group=0 --numeric-owner";

    private static string Tar(TempDir dir, string output, string source, string options) =>
        Diff.Exec("tar", $"{options} -cf {dir.File(output)} -C {dir.File(source)} .");

    [Theory]
    [InlineData("ustar")]
    [InlineData("gnu")]
    [InlineData("pax")]
    [InlineData("v7")]
    public void Different_mtimes_are_timestamps_with_decoded_dates(string format)
    {
        using var dir = new TempDir();
        dir.Write("src/hello.txt", "hello\n");
        Tar(dir, "a.tar", "src", $"{Fixed} --format={format} --mtime=@1704067200");
        Tar(dir, "b.tar", "src", $"{Fixed} --format={format} --mtime=@1735689600");
        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        Assert.Equal("tar", result.Root!.Format);
        var mtime = result.Root.All().First(d => d.Field == "mtime" && d.Path1.EndsWith("::./hello.txt", StringComparison.Ordinal));
        Assert.StartsWith("2024-01-01 00:00:00 UTC", mtime.Left, StringComparison.Ordinal);
        Assert.StartsWith("2025-01-01 00:00:00 UTC", mtime.Right, StringComparison.Ordinal);
        Assert.Equal(CauseKind.Timestamp, Assert.Single(mtime.Causes).Kind);
        Assert.DoesNotContain(result.Root.All(), d => d.Kind is DifferenceKind.Text or DifferenceKind.Binary);
    }

    [Fact]
    public void Different_owners_are_ownership()
    {
        using var dir = new TempDir();
        dir.Write("src/hello.txt", "hello\n");
        Tar(dir, "a.tar", "src", "--sort=name --mtime=@0 --owner=alice:1000 --group=staff:50");
        Tar(dir, "b.tar", "src", "--sort=name --mtime=@0 --owner=bob:1001 --group=staff:50");
        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        var fields = result.Root.All().Where(d => d.Kind == DifferenceKind.Field && d.Path1.EndsWith("::./hello.txt", StringComparison.Ordinal)).ToList();
        Assert.Contains(fields, d => d.Field == "uid" && d.Left == "1000" && d.Right == "1001");
        Assert.Contains(fields, d => d.Field == "uname" && d.Left == "alice" && d.Right == "bob");
        Assert.All(result.Root.All().Where(d => d.Kind == DifferenceKind.Field), d => Assert.Equal(CauseKind.Ownership, Assert.Single(d.Causes).Kind));
    }

    [Fact]
    public void Different_modes_are_permissions_in_octal()
    {
        using var dir = new TempDir();
        dir.Write("src/run.sh", "#!/bin/sh\n");
        Tar(dir, "a.tar", "src", $"{Fixed} --mtime=@0 --mode=0644");
        Tar(dir, "b.tar", "src", $"{Fixed} --mtime=@0 --mode=0755");
        var mode = Diff.Run(dir.File("a.tar"), dir.File("b.tar")).Root.All().First(d => d.Field == "mode" && d.Path1.EndsWith("run.sh", StringComparison.Ordinal));
        Assert.Equal(("0644", "0755"), (mode.Left, mode.Right));
        Assert.Equal(CauseKind.Permissions, Assert.Single(mode.Causes).Kind);
    }

    [Fact]
    public void Same_members_in_another_order_is_member_order()
    {
        using var dir = new TempDir();
        dir.Write("src/x", "x\n");
        dir.Write("src/y", "y\n");
        Diff.Exec("tar", $"--mtime=@0 --owner=0 --group=0 -cf {dir.File("a.tar")} -C {dir.File("src")} x y");
        Diff.Exec("tar", $"--mtime=@0 --owner=0 --group=0 -cf {dir.File("b.tar")} -C {dir.File("src")} y x");
        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        var order = Assert.Single(result.Root!.Children);
        Assert.Equal(DifferenceKind.Order, order.Kind);
        Assert.Equal(CauseKind.MemberOrder, Assert.Single(order.Causes).Kind);
    }

    [Fact]
    public void Changed_content_is_compared_through_the_engine_and_tar_in_tar_recurses()
    {
        using var dir = new TempDir();
        dir.Write("a/inner/doc.txt", "built in /build/pkg-abc/src\n");
        dir.Write("b/inner/doc.txt", "built in /build/pkg-xyz/src\n");
        Directory.CreateDirectory(dir.File("a/outer"));
        Directory.CreateDirectory(dir.File("b/outer"));
        Tar(dir, "a/outer/inner.tar", "a/inner", $"{Fixed} --mtime=@0");
        Tar(dir, "b/outer/inner.tar", "b/inner", $"{Fixed} --mtime=@0");
        Tar(dir, "a.tar", "a/outer", $"{Fixed} --mtime=@0");
        Tar(dir, "b.tar", "b/outer", $"{Fixed} --mtime=@0");
        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        var inner = result.Root.All().Single(d => d.Path1.EndsWith("::./inner.tar", StringComparison.Ordinal));
        Assert.Equal("tar", inner.Format);
        var text = result.Root.All().Single(d => d.Kind == DifferenceKind.Text);
        Assert.EndsWith("::./inner.tar::./doc.txt", text.Path1, StringComparison.Ordinal);
        Assert.Contains(text.Causes, c => c.Kind == CauseKind.BuildPath);
    }

    [Fact]
    public void Pax_atime_and_ctime_records_are_timestamps()
    {
        using var dir = new TempDir();
        dir.Write("src/hello.txt", "hello\n");
        File.SetLastAccessTimeUtc(dir.File("src/hello.txt"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Tar(dir, "a.tar", "src", $"{Fixed} --format=pax --mtime=@0 --atime-preserve=system");
        File.SetLastAccessTimeUtc(dir.File("src/hello.txt"), new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Tar(dir, "b.tar", "src", $"{Fixed} --format=pax --mtime=@0 --atime-preserve=system");
        var atime = Diff.Run(dir.File("a.tar"), dir.File("b.tar")).Root.All().First(d => d.Field == "atime" && d.Path1.EndsWith("hello.txt", StringComparison.Ordinal));
        Assert.StartsWith("2024-01-01 00:00:00 UTC", atime.Left, StringComparison.Ordinal);
        Assert.StartsWith("2024-06-01 00:00:00 UTC", atime.Right, StringComparison.Ordinal);
        Assert.Equal(CauseKind.Timestamp, Assert.Single(atime.Causes).Kind);
    }

    [Fact]
    public void Long_names_symlinks_and_header_formats_are_compared()
    {
        using var dir = new TempDir();
        var longName = new string('n', 150) + ".txt";
        dir.Write("src/" + longName, "same\n");
        File.CreateSymbolicLink(dir.File("src/link"), "target-a");
        Tar(dir, "a.tar", "src", $"{Fixed} --format=gnu --mtime=@0");
        File.Delete(dir.File("src/link"));
        File.CreateSymbolicLink(dir.File("src/link"), "target-b");
        Tar(dir, "b.tar", "src", $"{Fixed} --format=pax --mtime=@0");
        var all = Diff.Run(dir.File("a.tar"), dir.File("b.tar")).Root.All().ToList();
        Assert.Contains(all, d => d.Field == "link target" && d.Left == "target-a" && d.Right == "target-b");
        Assert.Contains(all, d => d.Field == "header format" && d.Left == "gnu" && d.Right == "pax" && d.Path1.EndsWith(longName, StringComparison.Ordinal));
        Assert.DoesNotContain(all, d => d.Kind is DifferenceKind.Added or DifferenceKind.Removed);
    }

    [Fact]
    public void Gnu_sparse_files_are_flagged_unreadable()
    {
        using var dir = new TempDir();
        foreach (var (side, text) in new[] { ("a", "one"), ("b", "two") })
        {
            Directory.CreateDirectory(dir.File(side));
            using (var file = File.Create(dir.File($"{side}/sparse.bin")))
            {
                file.SetLength(1 << 20);
                file.Position = 1 << 19;
                file.Write(System.Text.Encoding.ASCII.GetBytes(text));
            }

            Tar(dir, $"{side}.tar", side, $"{Fixed} --format=gnu --sparse --mtime=@0");
        }

        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        var member = result.Root!.Children.Single(d => d.Path1.EndsWith("::./sparse.bin", StringComparison.Ordinal));
        Assert.Contains(member.Comments, c => c.Contains("unreadable (GNU sparse file", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_thousand_members_with_one_change_report_exactly_one_member()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 2000; i++)
        {
            dir.Write($"a/d{i % 10}/f{i:D4}.txt", $"file {i}\n");
            dir.Write($"b/d{i % 10}/f{i:D4}.txt", i == 1234 ? "changed\n" : $"file {i}\n");
        }

        Tar(dir, "a.tar", "a", $"{Fixed} --mtime=@0");
        Tar(dir, "b.tar", "b", $"{Fixed} --mtime=@0");
        var result = Diff.Run(dir.File("a.tar"), dir.File("b.tar"));
        var member = Assert.Single(result.Root!.Children);
        Assert.EndsWith("::./d4/f1234.txt", member.Path1, StringComparison.Ordinal);
        Assert.Equal(1, result.Summary.Members);
    }
}
