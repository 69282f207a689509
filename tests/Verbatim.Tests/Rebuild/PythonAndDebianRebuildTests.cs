using Verbatim.Common.Verdicts;
using Verbatim.Rebuild;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

[Collection("sandbox")]
public sealed class PythonAndDebianRebuildTests
{
    [Fact]
    public void A_wheel_built_here_then_rebuilt_from_its_source_tree_is_reproducible_and_reveals_its_backend()
    {
        using var dir = new TempDir();
        var source = BuildSupport.CopyExample("hello-wheel", dir.File("project"));
        var work = dir.File("work");
        Directory.CreateDirectory(work);
        Verbatim.Build.Cache.TreeCopy.CopyContents(Path.Combine(source, "src"), Path.Combine(work, "src"));
        RebuildSupport.Exec("/usr/bin/python3", Path.Combine(work, "src"), new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000", ["PYTHONDONTWRITEBYTECODE"] = "1" },
            "-m", "build", "--no-isolation", "--skip-dependency-check", "--wheel", "--outdir", dir.File("published"), ".");
        var wheel = Directory.GetFiles(dir.File("published"), "*.whl").Single();

        var result = RebuildSupport.Run(new RebuildRequest("python", Path.Combine(source, "src")) { References = [wheel] }, dir.File("out"));
        Assert.True(result.Verdict == Verdict.Reproducible, result.Summary);
        var backend = Assert.Single(result.Revelations, r => r.Aspect == "backend");
        Assert.StartsWith("hatchling ", backend.Reference, StringComparison.Ordinal);
        Assert.False(backend.Differs);
        Assert.Equal(1700000000, result.SourceDateEpoch);
    }

    /// <summary>
    /// Debian's hello 2.10-3 from the archive, rebuilt with the clock at its build date: the embedded year then matches,
    /// and what remains is the build-id (the archive's binary was linked by an older gcc-12), which the report says.
    /// </summary>
    [Fact]
    public void Debian_hello_rebuilt_with_the_build_time_matched_differs_only_in_the_build_id_and_says_the_compiler_could_not_be_had()
    {
        using var dir = new TempDir();
        var log = new List<string>();
        var result = RebuildSupport.Run(new RebuildRequest("debian", "hello=2.10-3") { MatchBuildTime = true }, dir.File("out"), log: log);
        var deb = Assert.Single(result.Artifacts);
        Assert.Equal("hello_2.10-3_amd64.deb", deb.Name);
        Assert.Equal(Verdict.NotReproducible, deb.Verdict);
        Assert.Contains(deb.DifferingMembers, m => m.EndsWith("./usr/bin/hello::.note.gnu.build-id", StringComparison.Ordinal));
        Assert.DoesNotContain(deb.DifferingMembers, m => m.EndsWith("::.text", StringComparison.Ordinal));
        Assert.Equal("/build/reproducible-path", result.BuildPath);
        Assert.Contains("dpkg-source --no-check -x 'hello_2.10-3.dsc' 'hello-2.10'", result.Recipe, StringComparison.Ordinal);
        Assert.Equal("from 2022-12-26T15:30:00Z", result.BuildClock);
        Assert.Contains(result.Revelations, r => r.Aspect == "compiler" && r.Reference is null && r.Evidence.Contains("could not be had", StringComparison.Ordinal));
        Assert.Contains(result.Packages, p => p.Name == "gcc-12");
        Assert.Contains("hello-dbgsym_2.10-3_amd64.deb", result.Unpaired);
    }
}
