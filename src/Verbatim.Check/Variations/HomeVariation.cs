using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another home directory.</summary>
public sealed class HomeVariation : IVariation
{
    public string Name => "home";

    public string Description => "another home directory";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { Home = "/home/verbatim-check-home" };
}
