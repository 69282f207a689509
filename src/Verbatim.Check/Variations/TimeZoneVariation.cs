using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another time zone: GMT-14 (UTC+14) instead of UTC.</summary>
public sealed class TimeZoneVariation : IVariation
{
    public string Name => "timezone";

    public string Description => "TZ GMT-14 (UTC+14)";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { TimeZone = "GMT-14" };
}
