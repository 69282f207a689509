using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>An extra environment variable (reprotest's <c>environment</c>): a build that captures its whole environment differs.</summary>
public sealed class EnvironmentVariation : IVariation
{
    public string Name => "environment";

    public string Description => "an extra variable VERBATIM_CHECK_CAPTURE_ENVIRONMENT";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { ExtraVariables = new Dictionary<string, string>(identity.ExtraVariables) { ["VERBATIM_CHECK_CAPTURE_ENVIRONMENT"] = "i_capture_the_environment" } };
}
