using Verbatim.Common.Verdicts;
using Verbatim.Rebuild;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

/// <summary>An sdist and its wheel made here by Debian's python3-build (the published pair), and one broken project.</summary>
public sealed class PythonSdistFixture : IDisposable
{
    public PythonSdistFixture()
    {
        var project = BuildSupport.CopyExample("hello-wheel/src", Dir.File("project"));
        var env = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000", ["PYTHONDONTWRITEBYTECODE"] = "1" };

        // `python -m build` without --sdist/--wheel makes the sdist, then the wheel from the sdist (as PyPI uploads are made).
        RebuildSupport.Exec("/usr/bin/python3", project, env, "-m", "build", "--no-isolation", "--skip-dependency-check", "--outdir", Dir.File("published"), ".");
        Sdist = Directory.GetFiles(Dir.File("published"), "*.tar.gz").Single();
        Wheel = Directory.GetFiles(Dir.File("published"), "*.whl").Single();
    }

    public TempDir Dir { get; } = new();

    public string Sdist { get; }

    public string Wheel { get; }

    public void Dispose() => Dir.Dispose();
}

[Collection("sandbox")]
public sealed class PythonSdistRebuildTests(PythonSdistFixture fixture) : IClassFixture<PythonSdistFixture>
{
    [Fact]
    public void A_wheel_rebuilt_from_the_sdist_made_here_is_reproducible_and_the_recipe_unpacks_the_sdist()
    {
        using var dir = new TempDir();
        var result = RebuildSupport.Run(new RebuildRequest("python", fixture.Sdist) { References = [fixture.Wheel] }, dir.File("out"));
        Assert.True(result.Verdict == Verdict.Reproducible, result.Summary + result.BuildFailure + result.LogTail);
        Assert.Equal(1700000000, result.SourceDateEpoch);
        Assert.Contains("tar -xzf source.tar.gz -C src --strip-components=1", result.Recipe, StringComparison.Ordinal);

        // The backend named in the recipe is the one the sdist's pyproject.toml declares (read from the tarball).
        Assert.Contains("backend hatchling.build", result.Recipe, StringComparison.Ordinal);
        var backend = Assert.Single(result.Revelations, r => r.Aspect == "backend");
        Assert.StartsWith("hatchling ", backend.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_that_fails_is_signed_too_and_attest_verify_accepts_both_statements()
    {
        using var dir = new TempDir();
        dir.Write("broken/pyproject.toml", "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"broken\"\nversion = \"not a version\"\n");
        var wheel = dir.Write("broken-1.0-py3-none-any.whl", File.ReadAllBytes(fixture.Wheel));
        using var key = Verbatim.Provenance.SigningKey.Generate();
        var keyFile = dir.Write("signer.key", key.ExportPrivatePem());
        var pub = dir.Write("signer.pub", key.ExportPublicPem());
        var env = new Dictionary<string, string> { ["VERBATIM_CACHE"] = BuildSupport.Store.Root, ["HOME"] = dir.Path };

        var run = InProcessCli.Run(env, "rebuild", "python", dir.File("broken"), "--reference", wheel, "--attest", keyFile, "--out", dir.File("out"), "--json", dir.File("result.json"));
        Assert.True(run.ExitCode == 2, run.StdErr + run.StdOut);
        Assert.Contains("build failed", run.StdOut.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.Contains("full log: ", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"buildFailure\"", File.ReadAllText(dir.File("result.json")), StringComparison.Ordinal);
        Assert.Contains("signed verification-summary: broken-1.0-py3-none-any.whl.vsa.dsse.json", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("signed rebuild: broken-1.0-py3-none-any.whl.rebuild.dsse.json", run.StdOut, StringComparison.Ordinal);

        var vsa = InProcessCli.Run("attest", "verify", "--key", pub, "--artifact", wheel, dir.File("out/broken-1.0-py3-none-any.whl.vsa.dsse.json"));
        Assert.True(vsa.ExitCode == 0, vsa.StdErr + vsa.StdOut);
        Assert.Contains(": FAILED", vsa.StdOut, StringComparison.Ordinal);
        var own = InProcessCli.Run("attest", "verify", "--key", pub, "--artifact", wheel, dir.File("out/broken-1.0-py3-none-any.whl.rebuild.dsse.json"));
        Assert.True(own.ExitCode == 0, own.StdErr + own.StdOut);
        Assert.Contains(": build-failed", own.StdOut, StringComparison.Ordinal);
    }
}
