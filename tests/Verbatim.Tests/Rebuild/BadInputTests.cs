using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

/// <summary>Bad specs and tampered inputs: one line naming the problem, exit 2, no step run.</summary>
[Collection("sandbox")]
public sealed class BadInputTests
{
    private static Verbatim.Tests.Support.Cli.Result Rebuild(TempDir dir, params string[] args) =>
        InProcessCli.Run(new Dictionary<string, string> { ["VERBATIM_CACHE"] = Build.BuildSupport.Store.Root, ["HOME"] = dir.Path }, ["rebuild", .. args, "--out", dir.File("out")]);

    [Theory]
    [InlineData("cargo", "serde@1.0", "'cargo' is not a known ecosystem (known: debian, python, nuget, npm)")]
    [InlineData("debian", "hello", "hello: neither NAME=VERSION, a .dsc nor a .buildinfo")]
    [InlineData("npm", "not a spec", "neither NAME@VERSION nor a directory path")]
    [InlineData("npm", "./no-such-dir", "./no-such-dir: no package.json")]
    [InlineData("python", "./no-such-sdist.tar.gz", "./no-such-sdist.tar.gz: no such file or directory")]
    [InlineData("debian", "./missing.dsc", "./missing.dsc: no such file")]
    public void A_bad_spec_gets_one_line_and_exit_2(string ecosystem, string spec, string message)
    {
        using var dir = new TempDir();
        var run = Rebuild(dir, ecosystem, spec);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("verbatim rebuild: ", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wheel_is_needed_to_rebuild_a_python_project()
    {
        using var dir = new TempDir();
        var run = Rebuild(dir, "python", Build.BuildSupport.Example("hello-wheel/src"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give the published wheel with --reference", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_source_file_stops_the_rebuild_before_any_step()
    {
        using var dir = new TempDir();
        var orig = dir.Write("src/demo_1.0.orig.tar.gz", "not the original\n");
        var dsc = dir.Write("src/demo_1.0-1.dsc", "Format: 3.0 (quilt)\nSource: demo\nVersion: 1.0-1\nChecksums-Sha256:\n " +
            new string('a', 64) + " 17 demo_1.0.orig.tar.gz\n");
        var deb = dir.Write("demo_1.0-1_all.deb", "!<arch>\n");
        var run = Rebuild(dir, "debian", dsc, "--reference", deb);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(orig + ": sha256 ", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("(tampered source); no step was run", run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out/build.log")));
    }

    [Fact]
    public void A_reference_that_is_not_the_given_digest_stops_the_rebuild()
    {
        using var dir = new TempDir();
        dir.Write("pkg/package.json", "{ \"name\": \"x\", \"version\": \"1.0.0\" }\n");
        var reference = dir.Write("x-1.0.0.tgz", "whatever");
        var run = Rebuild(dir, "npm", dir.File("pkg"), "--reference", reference, "--reference-digest", new string('0', 64));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not the --reference-digest", run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out/build.log")));
    }

    [Fact]
    public void A_debian_package_the_archives_do_not_have_is_an_input_error()
    {
        using var dir = new TempDir();
        var run = Rebuild(dir, "debian", "no-such-package-verbatim=1.0-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such source package in the configured archives", run.StdErr, StringComparison.Ordinal);
    }
}
