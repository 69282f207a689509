using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>
/// One way a build's surroundings can differ between two builds, named as reprotest names it. The control build runs
/// under every applied variation's <see cref="Control"/> value, an experiment under <see cref="Vary"/> for the
/// variations it tests; both only change the <see cref="BuildIdentity"/> the sandbox applies.
/// </summary>
public interface IVariation
{
    /// <summary>The name on the command line and in reports (reprotest's spelling).</summary>
    string Name { get; }

    /// <summary>What is varied, one phrase (for help and reports).</summary>
    string Description { get; }

    /// <summary>Why the variation cannot be applied to this build here (one phrase), or null when it can.</summary>
    string? SkipReason(VariationContext context);

    /// <summary>The control's value of what this variation varies (most leave the identity as it is).</summary>
    BuildIdentity Control(BuildIdentity identity, VariationContext context);

    /// <summary>The identity with this variation applied.</summary>
    BuildIdentity Vary(BuildIdentity identity, VariationContext context);
}
