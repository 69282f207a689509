using Verbatim.Check.Variations;
using Verbatim.Common.Verdicts;
using Verbatim.Formats.Engine;

namespace Verbatim.Check;

/// <summary>A variation as the check used it: applied, or skipped with the reason.</summary>
public sealed record VariationUse(IVariation Variation, string? SkipReason)
{
    public bool Applied => SkipReason is null;
}

/// <summary>The smallest set of variations found to produce some differences on its own.</summary>
public sealed record Culprit(IReadOnlyList<string> Variations, IReadOnlyList<string> Differences);

/// <summary>
/// The spec a recipe was inferred from (<c>verbatim check debian hello=2.10-3</c>): the ecosystem, the spec, the
/// inferred recipe's text and digest, and the build path the ecosystem builds at.
/// </summary>
public sealed record CheckedSpec(string Ecosystem, string Spec, string Recipe, string RecipeSha256, string BuildPath);

/// <summary>
/// What a check found. <see cref="Verdict"/> is reproducible when every control and experiment gave bit-identical
/// outputs; not reproducible otherwise (<see cref="Flaky"/> when the control builds already differ among themselves);
/// build failed when the first control build failed (<see cref="ControlFailure"/>, and no experiment ran).
/// </summary>
public sealed record CheckResult
{
    public required string RecipeName { get; init; }

    public required string RecipeVersion { get; init; }

    /// <summary>The spec the recipe was inferred from; null when a recipe file was checked.</summary>
    public CheckedSpec? Spec { get; init; }

    public required Verdict Verdict { get; init; }

    public required IReadOnlyList<VariationUse> Variations { get; init; }

    /// <summary>How many control builds were asked for.</summary>
    public required int Runs { get; init; }

    /// <summary>How many of the control builds after the first differ from the first.</summary>
    public int DifferingRuns { get; init; }

    public bool Flaky => DifferingRuns > 0;

    /// <summary>Why the first control build failed (one line) and the last lines of its log; null when it succeeded.</summary>
    public string? ControlFailure { get; init; }

    public string? ControlLogTail { get; init; }

    /// <summary>Differences between control builds (randomness, races): the keys, and the first such comparison.</summary>
    public IReadOnlyList<string> FlakyDifferences { get; init; } = [];

    public DiffResult? FlakyDiff { get; init; }

    /// <summary>Differences the experiment under every applied variation shows that the controls do not.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <summary>The comparison of the control with the experiment under every applied variation.</summary>
    public DiffResult? Diff { get; init; }

    /// <summary>Why the experiment under every applied variation failed to build (one line); null when it built.</summary>
    public string? ExperimentFailure { get; init; }

    /// <summary>Whether culprits were searched for.</summary>
    public bool Bisected { get; init; }

    public IReadOnlyList<Culprit> Culprits { get; init; } = [];

    /// <summary>How many builds the check made (controls, experiments, probes).</summary>
    public int Builds { get; init; }
}
