using Verbatim.Build.Environments;

namespace Verbatim.Check.Variations;

/// <summary>What a variation may look at to decide whether and how it applies: the recipe's name, its resolved environment and the CPUs the check may use.</summary>
public sealed record VariationContext(string RecipeName, ResolvedEnvironment Environment, int AvailableCpus);
