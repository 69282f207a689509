using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Normalize;

public class ArNormalizerTests
{
    [Fact]
    public void Deb_members_and_their_tarballs_are_normalized_and_dpkg_deb_still_reads_it()
    {
        using var dir = new TempDir();
        dir.Write("pkg/DEBIAN/control", "Package: hello\nVersion: 1.0\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: test\n");
        dir.Write("pkg/usr/share/doc/hello/README", "hello\n");
        Diff.Exec("dpkg-deb", $"-Zgzip --root-owner-group --build {dir.File("pkg")} {dir.File("hello.deb")}");
        var original = dir.File("hello.deb");
        var normalized = Normalizer.Copy(original, "n.deb");
        var outcome = Normalizer.Run(original, check: true);

        Assert.Equal("deb", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c is { Member: "debian-binary", Field: "mtime" });
        Assert.Contains(outcome.Changes, c => c.Member.StartsWith("data.tar.gz/", StringComparison.Ordinal) && c.Field == "mtime");
        Assert.Contains("Package: hello", Diff.Exec("dpkg-deb", $"--info {normalized}"), StringComparison.Ordinal);
        Assert.Contains("./usr/share/doc/hello/README", Diff.Exec("dpkg-deb", $"--contents {normalized}"), StringComparison.Ordinal);
        Assert.Equal("debian-binary", Encoding.ASCII.GetString(File.ReadAllBytes(normalized), 8, 13));
        Normalizer.AssertIdempotent(normalized);
        foreach (var part in new[] { "--fsys-tarfile", "--ctrl-tarfile" })
        {
            File.WriteAllBytes(dir.File("a.tar"), Normalizer.ExecBytes("dpkg-deb", $"{part} {original}"));
            File.WriteAllBytes(dir.File("b.tar"), Normalizer.ExecBytes("dpkg-deb", $"{part} {normalized}"));
            Normalizer.AssertSameContent(dir.File("a.tar"), dir.File("b.tar"));
        }
    }

    [Fact]
    public void Deb_built_twice_at_other_times_normalizes_to_identical_bytes()
    {
        using var dir = new TempDir();
        dir.Write("pkg/DEBIAN/control", "Package: hello\nVersion: 1.0\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: test\n");
        dir.Write("pkg/usr/bin/hello", "#!/bin/sh\necho hello\n");
        File.SetLastWriteTimeUtc(dir.File("pkg/usr/bin/hello"), new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Diff.Exec("dpkg-deb", $"--build {dir.File("pkg")} {dir.File("one.deb")}");
        File.SetLastWriteTimeUtc(dir.File("pkg/usr/bin/hello"), new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(dir.File("pkg/DEBIAN/control"), new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Diff.Exec("dpkg-deb", $"--build {dir.File("pkg")} {dir.File("two.deb")}");
        Assert.NotEqual(File.ReadAllBytes(dir.File("one.deb")), File.ReadAllBytes(dir.File("two.deb")));
        Normalizer.Run(dir.File("one.deb"));
        Normalizer.Run(dir.File("two.deb"));
        Assert.Equal(File.ReadAllBytes(dir.File("one.deb")), File.ReadAllBytes(dir.File("two.deb")));
        Assert.Contains("Package: hello", Diff.Exec("dpkg-deb", $"--info {dir.File("one.deb")}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Static_library_headers_become_canonical_and_order_is_kept()
    {
        using var dir = new TempDir();
        dir.Write("b.o", "object b\n");
        dir.Write("a.o", "object a!\n");
        File.SetUnixFileMode(dir.File("b.o"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Diff.Exec("ar", "rcU lib.a b.o a.o", dir.Path);
        var outcome = Normalizer.Run(dir.File("lib.a"));
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Contains(outcome.Changes, c => c is { Member: "b.o", Field: "mtime" });
        Assert.Contains(outcome.Changes, c => c is { Member: "b.o", Field: "mode", To: "100644" });
        Assert.Equal("b.o\na.o\n", Diff.Exec("ar", "t lib.a", dir.Path));
        Assert.Contains("rw-r--r-- 0/0", Diff.Exec("ar", "tvO lib.a", dir.Path), StringComparison.Ordinal);
        Diff.Exec("ar", "x lib.a", dir.Path);
        Assert.Equal("object a!\n", File.ReadAllText(dir.File("a.o")));
        Normalizer.AssertIdempotent(dir.File("lib.a"));
    }
}
