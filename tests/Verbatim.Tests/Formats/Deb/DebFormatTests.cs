using Verbatim.Core.Compression;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Deb;

public class DebFormatTests
{
    private static readonly Dictionary<string, string> FilesA = new()
    {
        ["usr/bin/hello"] = "#!/bin/sh\necho hello\n",
        ["usr/share/doc/hello/README"] = "Hello.\n",
    };

    private static readonly Dictionary<string, string> FilesB = new()
    {
        ["usr/bin/hello"] = "#!/bin/sh\necho hello, world\n",
        ["usr/share/doc/hello/README"] = "Hello.\n",
    };

    [Fact]
    public void Control_fields_and_md5sums_are_compared_with_causes()
    {
        using var dir = new TempDir();
        var a = DebBuilder.Build(dir, "a.deb", "1.0-1", FilesA);
        var b = DebBuilder.Build(dir, "b.deb", "1.0-2", FilesB);
        var result = Diff.Run(a, b);
        Assert.Equal("deb", result.Root!.Format);
        var control = result.Root.Children.Single(d => d.Format == "deb-control");
        Assert.Contains(control.Children, d => d.Field == "Version" && d.Left == "1.0-1" && d.Right == "1.0-2");
        var sums = result.Root.Children.Single(d => d.Format == "deb-md5sums");
        var hello = Assert.Single(sums.Children);
        Assert.Equal("./usr/bin/hello", hello.Field);
        var cause = Assert.Single(hello.Causes);
        Assert.Equal(CauseKind.EmbeddedHash, cause.Kind);
        Assert.Equal("md5sums lists the digest of ./usr/bin/hello, which differs", cause.Explanation);
        Assert.Contains(result.Root.Children, d => d.Path1.EndsWith("::data.tar.gz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stale_md5sums_entry_gets_no_cause()
    {
        using var dir = new TempDir();
        var a = DebBuilder.Build(dir, "a.deb", "1.0-1", FilesA);
        var b = DebBuilder.Build(dir, "b.deb", "1.0-1", FilesB);
        File.WriteAllText(dir.File("pkg-b.deb/usr/bin/hello"), FilesA["usr/bin/hello"]);
        File.SetLastWriteTimeUtc(dir.File("pkg-b.deb/usr/bin/hello"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Diff.Exec("env", $"SOURCE_DATE_EPOCH=1704067200 dpkg-deb --root-owner-group -Zgzip --build {dir.File("pkg-b.deb")} {b}");
        var hello = Diff.Run(a, b).Root.All().Single(d => d.Field == "./usr/bin/hello");
        Assert.Empty(hello.Causes);
    }

    [Fact]
    public void Uncompressed_deb_opens_its_tars_and_shows_each_change_once()
    {
        using var dir = new TempDir();
        var a = DebBuilder.Build(dir, "a.deb", "1.0-1", FilesA, "none");
        var b = DebBuilder.Build(dir, "b.deb", "1.0-2", FilesB, "none");
        var result = Diff.Run(a, b);
        var text = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.EndsWith("::data.tar::./usr/bin/hello", text.Path1, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Root.All(), d => d.Path1.Contains("::control.tar", StringComparison.Ordinal));
    }

    [Fact]
    public void Golden_text_report()
    {
        using var dir = new TempDir();
        var a = DebBuilder.Build(dir, "a.deb", "1.0-1", FilesA, "none");
        var b = DebBuilder.Build(dir, "b.deb", "1.0-2", FilesB, "none");
        var report = Diff.Run(a, b).Text().Replace(dir.Path, "/tmp", StringComparison.Ordinal);
        Assert.Equal(
            """
            verbatim diff: 3 differences in 3 members; causes: hash of other contents (1)
            --- /tmp/a.deb
            +++ /tmp/b.deb
            ├── control [deb-control]
            │   └── Version: 1.0-1 → 1.0-2
            ├── md5sums [deb-md5sums]
            │   └── ./usr/bin/hello: d604a220708aa59433ba410986cd4ffa → 23ab1ea023ffe9a545f56d66a4317e0c
            │       │ ⚑ cause: hash of other contents — md5sums lists the digest of ./usr/bin/hello, which differs (d604a220708aa59433ba410986cd4ffa → 23ab1ea023ffe9a545f56d66a4317e0c)
            └── data.tar [tar]
                └── ./usr/bin/hello [text]
                    └── text differs
                        │ @@ -1,2 +1,2 @@
                        │  #!/bin/sh
                        │ -echo hello
                        │ +echo hello, world

            """,
            report);
    }

    [Fact]
    public void Default_xz_deb_is_compared_once_xz_is_available()
    {
        try
        {
            using var probe = Decompressors.Open("xz", new MemoryStream());
        }
        catch (NotSupportedException)
        {
            return; // xz decompression arrives with the compression formats; this test runs from then on.
        }

        using var dir = new TempDir();
        var a = DebBuilder.Build(dir, "a.deb", "1.0-1", FilesA, "xz");
        var b = DebBuilder.Build(dir, "b.deb", "1.0-2", FilesB, "xz");
        var result = Diff.Run(a, b);
        Assert.Contains(result.Root.All(), d => d.Field == "Version" && d.Left == "1.0-1" && d.Right == "1.0-2");
        var hello = result.Root.All().Single(d => d.Field == "./usr/bin/hello");
        Assert.Equal(CauseKind.EmbeddedHash, Assert.Single(hello.Causes).Kind);
    }
}
