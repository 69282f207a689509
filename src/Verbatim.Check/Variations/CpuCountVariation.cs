using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Fewer CPUs (affinity, so <c>nproc</c> and sched_getaffinity agree): half of those available, at least one.</summary>
public sealed class CpuCountVariation : IVariation
{
    public string Name => "num_cpus";

    public string Description => "fewer CPUs (nproc)";

    public string? SkipReason(VariationContext context) => context.AvailableCpus < 2 ? "only one CPU is available, so there is no smaller count" : null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { CpuCount = Math.Max(1, context.AvailableCpus / 2) };
}
