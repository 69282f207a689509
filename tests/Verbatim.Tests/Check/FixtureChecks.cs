using Verbatim.Check;
using Verbatim.Check.Variations;
using Verbatim.Tests.Build;

namespace Verbatim.Tests.Check;

/// <summary>Every fixture of examples/nondeterminism checked once under all variations, shared by the tests of <see cref="FixtureCheckTests"/>.</summary>
public sealed class FixtureChecks
{
    public static readonly string[] Names =
    [
        "build-date", "build-path", "clean", "cpu-count", "file-order", "host-name", "kernel-release", "locale", "random",
        "time-zone", "umask", "wheel-build-path",
    ];

    private readonly Dictionary<string, CheckResult> results = new(StringComparer.Ordinal);

    public FixtureChecks()
    {
        foreach (var name in Names)
        {
            results[name] = Check(name, VariationRegistry.All);
        }
    }

    public CheckResult this[string name] => results[name];

    public static string Fixture(string name) => Path.Combine(BuildSupport.RepositoryRoot, "examples", "nondeterminism", name);

    public static CheckResult Check(string name, IReadOnlyList<IVariation> variations, int runs = 2) =>
        CheckRunner.CheckAsync(CheckRunner.LoadRecipe(Fixture(name)), new CheckOptions
        {
            Store = BuildSupport.Store,
            Variations = variations,
            Runs = runs,
            Parallelism = 2,
            AvailableCpus = Environment.ProcessorCount,
        }).GetAwaiter().GetResult();
}
