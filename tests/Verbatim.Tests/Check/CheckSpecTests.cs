using System.Text.Json;
using Verbatim.Cli.Commands;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Check;

/// <summary>
/// <c>verbatim check ECOSYSTEM SPEC</c>: the recipe inferred as <c>verbatim rebuild</c> infers it, then checked under
/// variations. Python projects made here, built for real by Debian's python3-build in the sandbox.
/// </summary>
[Collection("sandbox")]
public sealed class CheckSpecTests
{
    private static Dictionary<string, string> Environment(TempDir dir) => new() { ["VERBATIM_CACHE"] = BuildSupport.Store.Root, ["HOME"] = dir.Path, ["TMPDIR"] = dir.File("tmp") };

    /// <summary>A setuptools project whose setup.py writes the year of the build into the package.</summary>
    private static string StampedProject(TempDir dir)
    {
        dir.Write("stamped/pyproject.toml", "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n\n" +
            "[project]\nname = \"verbatim-stamped\"\nversion = \"1.0.0\"\ndescription = \"Says the year it was built in.\"\nrequires-python = \">=3.9\"\n\n" +
            "[tool.setuptools]\npackages = [\"stamped\"]\n");
        dir.Write("stamped/setup.py", "import os, time\nfrom setuptools import setup\n\n" +
            "fd = os.open(os.path.join(\"stamped\", \"_built.py\"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)\n" +
            "os.write(fd, (\"YEAR = %d\\n\" % time.gmtime().tm_year).encode())\nos.close(fd)\nsetup()\n");
        dir.Write("stamped/stamped/__init__.py", "from ._built import YEAR\n");
        return dir.File("stamped");
    }

    /// <summary>A pure-Python hatchling project with nothing of its build in it.</summary>
    private static string CleanProject(TempDir dir)
    {
        dir.Write("clean/pyproject.toml", "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n" +
            "[project]\nname = \"verbatim-spec-clean\"\nversion = \"1.0.0\"\ndescription = \"Nothing of its build in it.\"\nrequires-python = \">=3.9\"\n\n" +
            "[tool.hatch.build.targets.wheel]\npackages = [\"src/spec_clean\"]\n");
        dir.Write("clean/src/spec_clean/__init__.py", "def greet():\n    return \"hello\"\n");
        return dir.File("clean");
    }

    [Fact]
    public void A_python_project_whose_build_embeds_the_year_is_blamed_on_the_clock()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("tmp"));
        var project = StampedProject(dir);
        var run = InProcessCli.Run(Environment(dir), "check", "python", project, "--variations", "time,timezone,umask", "--json", dir.File("report.json"), "--keep-recipe", dir.File("kept.yaml"));
        Assert.True(run.ExitCode == 1, run.StdOut + run.StdErr);
        Assert.Contains($"verbatim check: python {project}: not reproducible", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("recipe: inferred, stamped rebuild (sha256:", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("built at /build/stamped", run.StdOut, StringComparison.Ordinal);

        var report = JsonDocument.Parse(File.ReadAllText(dir.File("report.json"))).RootElement;
        Assert.Equal("not-reproducible", report.GetProperty("verdict").GetString());
        // The clock changes _built.py's content; setuptools' wheel also keeps the group-write bit a umask of 002 leaves
        // on every file (hatchling does not: see the clean project), so umask is named for the permissions alone.
        var culprits = report.GetProperty("culprits").EnumerateArray()
            .ToDictionary(c => string.Join('+', c.GetProperty("variations").EnumerateArray().Select(v => v.GetString())), c => c.GetProperty("differences").EnumerateArray().Select(d => d.GetString()!).ToList());
        Assert.Equal(["time", "umask"], culprits.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("dist/verbatim_stamped-1.0.0-py3-none-any.whl::stamped/_built.py", culprits["time"]);
        Assert.DoesNotContain(culprits["time"], d => d.EndsWith(" · permissions", StringComparison.Ordinal));
        Assert.All(culprits["umask"], d => Assert.EndsWith(" · permissions", d, StringComparison.Ordinal));
        var spec = report.GetProperty("spec");
        Assert.Equal("python", spec.GetProperty("ecosystem").GetString());
        Assert.Equal(project, spec.GetProperty("spec").GetString());
        Assert.Equal("/build/stamped", spec.GetProperty("build_path").GetString());
        Assert.Equal(File.ReadAllText(dir.File("kept.yaml")), spec.GetProperty("recipe").GetString());
        Assert.Contains("python3 -m build --no-isolation", File.ReadAllText(dir.File("kept.yaml")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("tmp")));

        // The kept recipe is an ordinary one: checked as a file, it gives the same verdict and culprit.
        var again = InProcessCli.Run(Environment(dir), "check", dir.File("kept.yaml"), "--variations", "time", "--no-bisect");
        Assert.True(again.ExitCode == 1, again.StdOut + again.StdErr);
        Assert.Contains("verbatim check: stamped rebuild: not reproducible", again.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_python_project_is_reproducible_and_its_report_is_byte_stable()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("tmp"));
        var project = CleanProject(dir);
        string[] args = ["check", "python", project, "--variations", "time,timezone,umask,build_path,locales"];
        var first = InProcessCli.Run(Environment(dir), [.. args, "--json", dir.File("one.json")]);
        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.Contains($"verbatim check: python {project}: reproducible", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("control: 2 builds, bit-identical", first.StdOut, StringComparison.Ordinal);
        var second = InProcessCli.Run(Environment(dir), [.. args, "--json", dir.File("two.json")]);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("one.json")), File.ReadAllBytes(dir.File("two.json")));
    }

    [Theory]
    [InlineData("examples/nondeterminism/clean", null, true)]
    [InlineData("python", "some/dir", false)]
    [InlineData("npm", "left-pad@1.3.0", false)]
    public void The_first_argument_is_a_recipe_unless_an_ecosystem_and_a_spec_follow(string first, string? second, bool recipe)
    {
        var (path, request, error) = CheckCommand.Route(first, second);
        Assert.Null(error);
        Assert.Equal(recipe, path is not null);
        Assert.Equal(!recipe, request is { ForCheck: true });
        Assert.Equal(second, request?.Spec);
    }

    [Theory]
    [InlineData("cargo", "serde@1.0", "'cargo' is not a known ecosystem (known: debian, python, nuget, npm)")]
    [InlineData("python", null, "python: a SPEC must follow the ecosystem: verbatim check python SDIST|DIR")]
    [InlineData("debian", "hello", "hello: neither NAME=VERSION, a .dsc nor a .buildinfo (expected debian NAME=VERSION|FILE.dsc|FILE.buildinfo)")]
    [InlineData("python", "dist/x-1.0-py3-none-any.whl", "a wheel is what gets compared")]
    [InlineData("python", "./no-such-project", "./no-such-project: no such file or directory")]
    [InlineData("npm", "./no-such-package", "./no-such-package: no package.json")]
    [InlineData("debian", "./missing.dsc", "./missing.dsc: no such file")]
    public void A_bad_spec_gets_one_line_and_exit_2(string ecosystem, string? spec, string message)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("tmp"));
        var run = InProcessCli.Run(Environment(dir), spec is null ? ["check", ecosystem] : ["check", ecosystem, spec]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("verbatim check: ", run.StdErr, StringComparison.Ordinal);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(run.StdOut);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("tmp")));
    }

    [Fact]
    public void A_debian_source_package_the_archives_do_not_have_is_an_input_error()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("tmp"));
        var run = InProcessCli.Run(Environment(dir), "check", "debian", "no-such-package-verbatim=1.0-1", "--variations", "time");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such source package in the configured archives", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("tmp")));
    }

    [Fact]
    public void Keep_recipe_is_refused_for_a_recipe_file()
    {
        using var dir = new TempDir();
        var run = InProcessCli.Run(Environment(dir), "check", FixtureChecks.Fixture("clean"), "--keep-recipe", dir.File("kept.yaml"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--keep-recipe: only a SPEC's recipe is inferred", run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("kept.yaml")));
    }
}
