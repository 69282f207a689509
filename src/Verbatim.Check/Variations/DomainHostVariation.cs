using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another host and domain name.</summary>
public sealed class DomainHostVariation : IVariation
{
    public string Name => "domain_host";

    public string Description => "another host and domain name";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { HostName = "verbatim-other-host", DomainName = "verbatim-other.invalid" };
}
