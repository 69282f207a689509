using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another build path: the workspace is mounted at /build/verbatim-check-elsewhere/NAME instead of /build/NAME.</summary>
public sealed class BuildPathVariation : IVariation
{
    public string Name => "build_path";

    public string Description => "the workspace at another path";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { BuildPath = "/build/verbatim-check-elsewhere/" + context.RecipeName };
}
