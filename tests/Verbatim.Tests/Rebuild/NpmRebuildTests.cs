using Verbatim.Common.Verdicts;
using Verbatim.Rebuild;
using Verbatim.Rebuild.Ecosystems.Npm;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

/// <summary>A small npm package packed once here (the reference), then rebuilt independently from its source tree.</summary>
public sealed class NpmPackageFixture : IDisposable
{
    public NpmPackageFixture()
    {
        Package = Dir.Write("pkg/package.json", "{\n  \"name\": \"verbatim-rebuild-test\",\n  \"version\": \"1.2.3\",\n  \"main\": \"index.js\",\n  \"license\": \"MIT\"\n}\n");
        Dir.Write("pkg/index.js", "module.exports = () => 'hello from verbatim';\n");
        Dir.Write("pkg/README.md", "# verbatim-rebuild-test\n");
        Dir.Write("pkg/lib/util.js", "exports.twice = x => 2 * x;\n");
        RebuildSupport.Exec("npm", Dir.Path, new Dictionary<string, string> { ["npm_config_cache"] = Dir.File("npm-cache") }, "pack", "./pkg", "--pack-destination", Dir.Path, "--ignore-scripts");
        Reference = Dir.File("verbatim-rebuild-test-1.2.3.tgz");
        Source = Dir.File("pkg");
    }

    public TempDir Dir { get; } = new();

    public string Package { get; }

    public string Source { get; }

    /// <summary>The tarball npm packed (deflated by Node's zlib).</summary>
    public string Reference { get; }

    /// <summary>A reference made from <see cref="Reference"/>'s tar after <paramref name="edit"/>, deflated by the system zlib at <paramref name="level"/> with the original header.</summary>
    public string Variant(string name, Action<byte[]> edit, int level)
    {
        var tar = RebuildSupport.Gunzip(File.ReadAllBytes(Reference));
        edit(tar);
        var header = NpmTarball.Read(Reference);
        var path = Dir.File(name + "/verbatim-rebuild-test-1.2.3.tgz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, header.Recompress(tar, level));
        return path;
    }

    public void Dispose() => Dir.Dispose();
}

[Collection("sandbox")]
public sealed class NpmRebuildTests(NpmPackageFixture fixture) : IClassFixture<NpmPackageFixture>
{
    [Fact]
    public void A_package_packed_then_rebuilt_from_its_source_is_reproducible_and_the_result_is_byte_stable()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["VERBATIM_CACHE"] = Build.BuildSupport.Store.Root, ["HOME"] = dir.Path };
        var args = new[] { "rebuild", "npm", fixture.Source, "--reference", fixture.Reference, "--out", dir.File("out"), "--json", dir.File("one.json"), "--keep-recipe", dir.File("kept.yaml") };
        var first = InProcessCli.Run(env, args);
        Assert.True(first.ExitCode == 0, first.StdErr + first.StdOut);
        Assert.Contains("reproducible: 1 of 1 artifacts bit-for-bit identical", first.StdOut, StringComparison.Ordinal);
        args[^3] = dir.File("two.json");
        var second = InProcessCli.Run(env, args);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("one.json")), File.ReadAllBytes(dir.File("two.json")));
        Assert.Contains("npm pack --offline", File.ReadAllText(dir.File("kept.yaml")), StringComparison.Ordinal);
        Assert.Contains("\"schema\": \"verbatim-rebuild/1\"", File.ReadAllText(dir.File("one.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_the_system_zlib_deflated_is_recompressed_at_its_revealed_level_and_matches_bit_for_bit()
    {
        using var dir = new TempDir();
        var reference = fixture.Variant("level6", _ => { }, 6);
        var result = RebuildSupport.Run(new RebuildRequest("npm", fixture.Source) { References = [reference] }, dir.File("out"));
        Assert.Equal(Verdict.Reproducible, result.Verdict);
        Assert.Contains(result.Revelations, r => r.Aspect == "gzip-level" && r.Reference == "system zlib level 6" && r.Differs == false);
    }

    [Fact]
    public void A_reference_with_a_changed_member_time_is_equivalent_after_normalization_and_every_verdict_is_signed()
    {
        using var dir = new TempDir();
        var reference = fixture.Variant("mtime", tar => RebuildSupport.SetMtime(tar, "package/index.js", 1_700_000_000), 9);
        using var key = Verbatim.Provenance.SigningKey.Generate();
        var result = RebuildSupport.Run(new RebuildRequest("npm", fixture.Source) { References = [reference] }, dir.File("out"), key);
        Assert.Equal(Verdict.EquivalentAfterNormalization, result.Verdict);
        Assert.Contains("tar-mtimes", result.Artifacts[0].NormalizationIds);
        Assert.Contains("equivalent after normalization (", result.Summary, StringComparison.Ordinal);

        // The verification summary says FAILED (not bit-for-bit); the rebuild statement names the tier; attest verify checks both.
        File.WriteAllBytes(dir.File("key.pub"), System.Text.Encoding.ASCII.GetBytes(key.ExportPublicPem()));
        var vsa = InProcessCli.Run("attest", "verify", "--key", dir.File("key.pub"), "--artifact", reference, dir.File("out/verbatim-rebuild-test-1.2.3.tgz.vsa.dsse.json"));
        Assert.True(vsa.ExitCode == 0, vsa.StdErr);
        Assert.Contains("SLSA verification summary by verbatim-local/", vsa.StdOut, StringComparison.Ordinal);
        Assert.Contains(": FAILED", vsa.StdOut, StringComparison.Ordinal);
        var own = InProcessCli.Run("attest", "verify", "--key", dir.File("key.pub"), "--artifact", reference, dir.File("out/verbatim-rebuild-test-1.2.3.tgz.rebuild.dsse.json"));
        Assert.True(own.ExitCode == 0, own.StdErr);
        Assert.Contains(": equivalent-after-normalization", own.StdOut, StringComparison.Ordinal);

        // Not about another artifact.
        var other = InProcessCli.Run("attest", "verify", "--key", dir.File("key.pub"), "--artifact", fixture.Package, dir.File("out/verbatim-rebuild-test-1.2.3.tgz.vsa.dsse.json"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("is not a subject", other.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_one_byte_changed_in_a_member_is_not_reproducible_and_the_member_is_named()
    {
        using var dir = new TempDir();
        var reference = fixture.Variant("tampered", tar => RebuildSupport.Tamper(tar, "package/lib/util.js"), 9);
        var env = new Dictionary<string, string> { ["VERBATIM_CACHE"] = Build.BuildSupport.Store.Root, ["HOME"] = dir.Path };
        var run = InProcessCli.Run(env, "rebuild", "npm", fixture.Source, "--reference", reference, "--out", dir.File("out"), "--html", dir.File("report.html"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not reproducible", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("package/lib/util.js", run.StdOut.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);

        // --html: the diff engine's HTML report of the differing artifact, the tampered member in it.
        var html = File.ReadAllText(dir.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("package/lib/util.js", html, StringComparison.Ordinal);
        Assert.Contains("twice", html, StringComparison.Ordinal);
    }
}
