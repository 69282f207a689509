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
        Dir.Write("pkg/lib/Zeta.js", "exports.last = true;\n");
        Dir.Write("pkg/CHANGELOG.md", "# 1.2.3\n");
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

    /// <summary>
    /// A reference in an older npm's layout, written from <see cref="Reference"/>'s members: in <paramref name="order"/>,
    /// with <paramref name="mtimes"/> (by member) and <paramref name="owner"/> written as node-tar writes numbers, deflated
    /// by the system zlib at level 6 (npm 6 and earlier: zlib's default) with gzip OS byte <paramref name="os"/>.
    /// </summary>
    public string Layout(string name, string[] order, Func<int, long>? mtimes, (int Uid, int Gid)? owner, byte os)
    {
        var tar = RebuildSupport.Gunzip(File.ReadAllBytes(Reference));
        var members = RebuildSupport.Members(tar);
        Assert.Equal(order.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
        using var output = new MemoryStream();
        for (var i = 0; i < order.Length; i++)
        {
            var member = members[order[i]];
            if (mtimes is not null)
            {
                RebuildSupport.NodeTarField(member, 136, 12, mtimes(i));
            }

            if (owner is { } ids)
            {
                RebuildSupport.NodeTarField(member, 108, 8, ids.Uid);
                RebuildSupport.NodeTarField(member, 116, 8, ids.Gid);
            }

            RebuildSupport.NodeTarChecksum(member);
            output.Write(member);
        }

        output.Write(new byte[tar.Length - (int)output.Length]);
        var header = NpmTarball.Read(Reference);
        var path = Dir.File(name + "/verbatim-rebuild-test-1.2.3.tgz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var gzip = header.Recompress(output.ToArray(), 6);
        gzip[9] = os;
        File.WriteAllBytes(path, gzip);
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

    /// <summary>npm-packlist's order before 1.4.2, as npm 5 to 6.9 wrote it: package.json, the root's files by locale (case a tertiary difference), then deeper paths.</summary>
    private static readonly string[] LegacyOrder =
        ["package/package.json", "package/CHANGELOG.md", "package/index.js", "package/README.md", "package/lib/util.js", "package/lib/Zeta.js"];

    [Fact]
    public void A_reference_in_npm_5_8_to_6_9s_layout_is_rebuilt_bit_for_bit_with_package_json_first()
    {
        using var dir = new TempDir();
        var reference = fixture.Layout("npm6", LegacyOrder, null, null, 3);
        var log = new List<string>();
        var result = RebuildSupport.Run(new RebuildRequest("npm", fixture.Source) { References = [reference] }, dir.File("out"), log: log);
        Assert.True(result.Verdict == Verdict.Reproducible, result.Summary + string.Join('\n', log));
        var packer = Assert.Single(result.Revelations, r => r.Aspect == "packer");
        Assert.Equal("npm 5.8 to 6.9", packer.Reference);
        Assert.Contains(log, l => l.Contains("members reordered, as npm 5.8 to 6.9 wrote them", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_in_npm_5_0_to_5_7s_layout_takes_its_member_times_and_is_rebuilt_bit_for_bit()
    {
        using var dir = new TempDir();
        var reference = fixture.Layout("npm5", LegacyOrder, i => 1_511_000_000 + (i * 3_600), null, 19);
        var result = RebuildSupport.Run(new RebuildRequest("npm", fixture.Source) { References = [reference] }, dir.File("out"));
        Assert.True(result.Verdict == Verdict.Reproducible, result.Summary);
        Assert.Equal("npm 5.0 to 5.7", Assert.Single(result.Revelations, r => r.Aspect == "packer").Reference);
        Assert.Equal("2017-11-18T10:13:20Z", Assert.Single(result.Revelations, r => r.Aspect == "build-date").Reference);
    }

    [Fact]
    public void A_reference_packed_before_npm_5_keeps_its_owner_and_directory_order_and_is_equivalent_after_normalization()
    {
        using var dir = new TempDir();
        string[] readdir = ["package/package.json", "package/README.md", "package/lib/Zeta.js", "package/index.js", "package/CHANGELOG.md", "package/lib/util.js"];
        var reference = fixture.Layout("npm4", readdir, i => 1_475_000_000 + i, (501, 20), 3);
        var result = RebuildSupport.Run(new RebuildRequest("npm", fixture.Source) { References = [reference] }, dir.File("out"));
        Assert.True(result.Verdict == Verdict.EquivalentAfterNormalization, result.Summary);
        Assert.Equal("npm before 5", Assert.Single(result.Revelations, r => r.Aspect == "packer").Reference);

        // The member times were carried over; the packer's uid and gid (and its directory order) are what remains.
        Assert.Contains("tar-owners", result.Artifacts[0].NormalizationIds);
        Assert.DoesNotContain("tar-mtimes", result.Artifacts[0].NormalizationIds);
    }

    [Fact]
    public void The_member_orders_are_node_s_own_sorts()
    {
        string[] names = ["package.json", "README.md", "readme.md", "Readme.md", "index.js", "index.d.ts", "lib/util.js", "lib/Zeta.js", "lib-x.js", "lib_x.js", "a b.js", "a~.js",
            "a$.js", "a1.js", "a10.js", "a2.js", "CHANGELOG.md", ".npmignore", "node_modules/x/index.js", "bin/cli", "LICENSE", "x.min.js", "X.JS", "test/@scope.js"];
        var legacy = names.Order(Comparer<string>.Create(NpmMemberOrder.Legacy)).ToArray();
        var byExtension = names.Order(Comparer<string>.Create(NpmMemberOrder.ByExtension)).ToArray();
        const string script = """
            const path = require('path');
            const names = JSON.parse(process.argv[1]);
            const legacy = (a, b) => a === 'package.json' ? -1 : b === 'package.json' ? 1
              : /^node_modules/.test(a) && !/^node_modules/.test(b) ? 1 : /^node_modules/.test(b) && !/^node_modules/.test(a) ? -1
              : path.dirname(a) === '.' && path.dirname(b) !== '.' ? -1 : path.dirname(b) === '.' && path.dirname(a) !== '.' ? 1
              : a.localeCompare(b);
            const byExtension = (a, b) => path.extname(a).toLowerCase().localeCompare(path.extname(b).toLowerCase())
              || path.basename(a).toLowerCase().localeCompare(path.basename(b).toLowerCase()) || a.localeCompare(b);
            console.log(JSON.stringify([names.slice().sort(legacy), names.slice().sort(byExtension)]));
            """;
        var node = RebuildSupport.Exec("node", Path.GetTempPath(), null, "-e", script, System.Text.Json.JsonSerializer.Serialize(names, RebuildJson.Default.StringArray));
        var sorted = System.Text.Json.JsonSerializer.Deserialize(node, RebuildJson.Default.StringArrayArray)!;
        Assert.Equal(sorted[0], legacy);
        Assert.Equal(sorted[1], byExtension);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[][]))]
internal sealed partial class RebuildJson : System.Text.Json.Serialization.JsonSerializerContext;
