using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another umask: 002 instead of 022.</summary>
public sealed class UmaskVariation : IVariation
{
    public string Name => "umask";

    public string Description => "umask 002";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { Umask = 0b000_000_010 };
}
