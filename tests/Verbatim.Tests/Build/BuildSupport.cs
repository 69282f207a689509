using Verbatim.Build;
using Verbatim.Build.Cache;
using Verbatim.Build.Hashing;
using Verbatim.Build.Recipes;

namespace Verbatim.Tests.Build;

/// <summary>Runs recipes the way the CLI does, with one cache shared by every build test of the run.</summary>
public static class BuildSupport
{
    private static readonly Lazy<ContentStore> SharedStore = new(() =>
        new ContentStore(Environment.GetEnvironmentVariable("VERBATIM_TEST_CACHE") ?? Path.Combine(Path.GetTempPath(), "verbatim-test-cas")));

    public static ContentStore Store => SharedStore.Value;

    /// <summary>The repository's root (where Verbatim.slnx is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Verbatim.slnx")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Verbatim.slnx not found above the test binaries");
            }

            return dir;
        }
    }

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    /// <summary>Builds the recipe; returns the result and every log line (progress and the steps' output).</summary>
    public static (BuildResult Result, List<string> Log) Build(string recipePath, string outDir, Verbatim.Common.Identity.BuildIdentity? identity = null)
    {
        var log = new List<string>();
        var options = new BuildOptions { OutDir = outDir, Store = Store, Identity = identity ?? Verbatim.Common.Identity.BuildIdentity.Default, Progress = e => { lock (log) { log.Add(e.Message); } } };
        var result = BuildRunner.BuildAsync(RecipeLoader.Load(recipePath), options).GetAwaiter().GetResult();
        return (result, log);
    }

    /// <summary>Builds and expects failure; returns the exception and the log.</summary>
    public static (BuildException Error, List<string> Log) Fail(string recipePath, string outDir, Verbatim.Common.Identity.BuildIdentity? identity = null)
    {
        var log = new List<string>();
        var options = new BuildOptions { OutDir = outDir, Store = Store, Identity = identity ?? Verbatim.Common.Identity.BuildIdentity.Default, Progress = e => { lock (log) { log.Add(e.Message); } } };
        var error = Assert.ThrowsAny<BuildException>(() => BuildRunner.BuildAsync(RecipeLoader.Load(recipePath), options).GetAwaiter().GetResult());
        return (error, log);
    }

    /// <summary>Writes a one-input host recipe around <paramref name="source"/> (a folder in <paramref name="dir"/>) with the given steps.</summary>
    public static string HostRecipe(string dir, string name, string steps, string outputs = "[ \"out.txt\" ]", string extra = "")
    {
        var src = Path.Combine(dir, "src");
        Directory.CreateDirectory(src);
        if (!Directory.EnumerateFileSystemEntries(src).Any())
        {
            File.WriteAllText(Path.Combine(src, "README"), "input\n");
        }

        var recipe = $"""
            name: {name}
            version: "1"
            environment: host
            source_date_epoch: 1700000000
            inputs:
              - name: src
                path: ./src
                sha256: {TreeHasher.Hash(src).Hex}
            {extra}
            steps:
            {steps}
            outputs: {outputs}

            """;
        var path = Path.Combine(dir, "verbatim.yaml");
        File.WriteAllText(path, recipe);
        return path;
    }

    /// <summary>Copies an example into a fresh folder so a test can edit its recipe.</summary>
    public static string CopyExample(string name, string target)
    {
        TreeCopy.CopyContents(Example(name), target);
        return target;
    }

    /// <summary>True when some process's command line still holds <paramref name="marker"/> (a step that escaped its sandbox's end).</summary>
    public static bool ProcessAlive(string marker) =>
        Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).Any(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
}
