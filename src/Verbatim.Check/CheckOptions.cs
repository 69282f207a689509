using Verbatim.Build.Cache;
using Verbatim.Check.Variations;
using Verbatim.Common.Identity;

namespace Verbatim.Check;

/// <summary>How a check runs: which variations, how many control builds, whether to bisect, how many builds at once, and where it works.</summary>
public sealed record CheckOptions
{
    /// <summary>The cache inputs and environments come from.</summary>
    public required ContentStore Store { get; init; }

    /// <summary>The variations asked for (see <see cref="VariationSelection"/>); those that cannot apply are reported skipped.</summary>
    public IReadOnlyList<IVariation> Variations { get; init; } = VariationRegistry.All;

    /// <summary>The identity the control builds start from before the variations' own controls (a spec's inferred build path); the default one otherwise.</summary>
    public BuildIdentity Identity { get; init; } = BuildIdentity.Default;

    /// <summary>Where the recipe came from when it was inferred from a spec (named in the report); null for a recipe file.</summary>
    public CheckedSpec? Spec { get; init; }

    /// <summary>How many control builds (at least 2): every one after the first is compared with the first to detect flakiness.</summary>
    public int Runs { get; init; } = 2;

    /// <summary>Search for the smallest set of variations behind each difference.</summary>
    public bool Bisect { get; init; } = true;

    /// <summary>How many builds run at once (see <see cref="DefaultParallelism"/>).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>How many CPUs the builds may use (for <c>num_cpus</c>).</summary>
    public int AvailableCpus { get; init; } = 1;

    /// <summary>Where workspaces and collected outputs go; everything the check makes there is removed when it ends.</summary>
    public string ScratchRoot { get; init; } = "/tmp";

    /// <summary>Fetches url inputs; null uses a client of the check's own.</summary>
    public HttpClient? Http { get; init; }

    public Action<CheckEvent>? Progress { get; init; }

    /// <summary>The memory one build is budgeted (for <see cref="DefaultParallelism"/>).</summary>
    public const long MemoryPerBuild = 1L << 30;

    /// <summary>Builds at once: one per core, no more than the available memory holds at <see cref="MemoryPerBuild"/> each, at least one.</summary>
    public static int DefaultParallelism(int cores, long availableMemoryBytes) =>
        Math.Max(1, Math.Min(cores, availableMemoryBytes <= 0 ? cores : (int)Math.Min(int.MaxValue, availableMemoryBytes / MemoryPerBuild)));
}
