using System.IO.Compression;
using System.Text;
using Verbatim.Rebuild;
using Verbatim.Rebuild.Ecosystems.Debian;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

/// <summary>
/// What a binNMU reference reveals (its changelog entry and date, read from the .deb dpkg-deb builds here) and how the
/// rebuild applies it: the entry prepended to debian/changelog as sbuild does, which dpkg-parsechangelog then reads as
/// the +bN version with the entry's date. No Debian build runs (too slow for the suite).
/// </summary>
public sealed class DebianBinNmuTests
{
    private const string Entry =
        "figlet (2.2.5-3+b1) sid; urgency=low, binary-only=yes\n\n" +
        "  * Binary-only non-maintainer upload for amd64; no source changes.\n" +
        "  * rebuild on buildd\n\n" +
        " -- amd64 / i386 Build Daemon (x86-ubc-02) <buildd_amd64-x86-ubc-02@buildd.debian.org>  Wed, 07 Aug 2019 06:08:19 +0000";

    private const string SourceChangelog =
        "figlet (2.2.5-3) unstable; urgency=low\n\n" +
        "  * Update S-V to 4.0.0\n\n" +
        " -- Jonathan Carter <jcc@debian.org>  Mon, 19 Feb 2018 14:15:43 +0200\n";

    [Fact]
    public void A_binNMU_reference_gives_its_version_changelog_entry_and_date()
    {
        using var dir = new TempDir();
        var deb = Deb(dir, "2.2.5-3+b1", ("usr/share/doc/figlet/changelog.Debian.amd64.gz", Entry + "\n\n"), ("usr/share/doc/figlet/changelog.Debian.gz", SourceChangelog));

        var binNmu = BinNmu.FromReference(deb, "2.2.5-3");

        Assert.NotNull(binNmu);
        Assert.Equal("2.2.5-3+b1", binNmu.Version);
        Assert.Equal(Entry, binNmu.Entry);
        Assert.Equal(1565158099, binNmu.Epoch); // Wed, 07 Aug 2019 06:08:19 +0000
    }

    [Fact]
    public void An_older_binNMU_whose_entry_heads_changelog_Debian_gz_is_read_from_there()
    {
        using var dir = new TempDir();
        var deb = Deb(dir, "2.2.5-3+b1", ("usr/share/doc/figlet/changelog.Debian.gz", Entry + "\n\n" + SourceChangelog));
        Assert.Equal(Entry, BinNmu.FromReference(deb, "2.2.5-3")?.Entry);
    }

    [Fact]
    public void A_reference_at_the_source_version_is_not_a_binNMU_and_one_without_its_entry_is_an_error()
    {
        using var dir = new TempDir();
        Assert.Null(BinNmu.FromReference(Deb(dir, "2.2.5-3", ("usr/share/doc/figlet/changelog.Debian.gz", SourceChangelog)), "2.2.5-3"));
        Assert.False(BinNmu.IsBinNmuOf("2.2.5-3+b1x", "2.2.5-3"));
        Assert.False(BinNmu.IsBinNmuOf("2.2.5-3+deb12u1", "2.2.5-3"));
        var error = Assert.Throws<RebuildException>(() => BinNmu.FromReference(Deb(dir, "2.2.5-3+b2", ("usr/share/doc/figlet/changelog.Debian.gz", SourceChangelog)), "2.2.5-3"));
        Assert.Contains("binNMU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_entry_prepended_as_sbuild_does_makes_dpkg_parsechangelog_read_the_binNMU_version_and_date()
    {
        using var dir = new TempDir();
        var tree = dir.File("figlet-2.2.5");
        Directory.CreateDirectory(Path.Combine(tree, "debian"));
        File.WriteAllText(Path.Combine(tree, "debian", "changelog"), SourceChangelog);
        File.WriteAllBytes(dir.File(BinNmu.FileName), BinNmu.FromChangelog(Entry + "\n\n", "2.2.5-3+b1")!.FileBytes());

        RebuildSupport.Exec("/bin/sh", tree, null, "-ec", BinNmu.PrependCommand("../" + BinNmu.FileName));

        Assert.Equal(Entry + "\n\n" + SourceChangelog, File.ReadAllText(Path.Combine(tree, "debian", "changelog")));
        Assert.Equal("2.2.5-3+b1\n", RebuildSupport.Exec("/usr/bin/dpkg-parsechangelog", tree, null, "-SVersion"));
        Assert.Equal("1565158099\n", RebuildSupport.Exec("/usr/bin/dpkg-parsechangelog", tree, null, "-STimestamp"));
    }

    [Fact]
    public void A_pool_file_is_looked_for_under_every_archive_in_both_pool_layouts()
    {
        var candidates = Apt.PoolCandidates(["http://deb.debian.org/debian", "http://deb.debian.org/debian-security/"], ["pool/main/n/netbase/netbase_6.4.tar.xz"]);
        Assert.Equal(
            [
                "http://deb.debian.org/debian/pool/main/n/netbase/netbase_6.4.tar.xz",
                "http://deb.debian.org/debian-security/pool/main/n/netbase/netbase_6.4.tar.xz",
                "http://deb.debian.org/debian/pool/updates/main/n/netbase/netbase_6.4.tar.xz",
                "http://deb.debian.org/debian-security/pool/updates/main/n/netbase/netbase_6.4.tar.xz",
            ],
            candidates);
    }

    /// <summary>A .deb built by dpkg-deb with the given files (gzipped when named .gz, as dh_compress leaves them).</summary>
    private static string Deb(TempDir dir, string version, params (string Path, string Text)[] files)
    {
        var root = dir.File("root-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"),
            $"Package: figlet\nSource: figlet (2.2.5-3)\nVersion: {version}\nArchitecture: amd64\nMaintainer: Test <test@example.org>\nDescription: test\n");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var output = File.Create(full);
            using var gzip = new GZipStream(output, CompressionLevel.SmallestSize);
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        var deb = root + ".deb";
        RebuildSupport.Exec("/usr/bin/dpkg-deb", dir.Path, null, "--root-owner-group", "-Zgzip", "--build", root, deb);
        return deb;
    }
}
