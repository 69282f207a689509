using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>A clock far in the future (libfaketime, file times left real): 4,748 days, 3 h 27 min ahead.</summary>
public sealed class TimeVariation : IVariation
{
    /// <summary>How far ahead the experiment's clock is.</summary>
    public static readonly TimeSpan Offset = new(4748, 3, 27, 0);

    public string Name => "time";

    public string Description => "a clock about 13 years ahead (libfaketime)";

    public string? SkipReason(VariationContext context) => FakeTime.Library(context.Environment) is null ? "the environment has no libfaketime (Debian package faketime)" : null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { Clock = BuildClock.Shifted(Offset) };
}
