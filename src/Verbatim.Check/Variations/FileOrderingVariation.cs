using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Directory listings of the workspace reversed (disorderfs).</summary>
public sealed class FileOrderingVariation : IVariation
{
    public string Name => "fileordering";

    public string Description => "directory listings reversed (disorderfs)";

    public string? SkipReason(VariationContext context) => DisorderFs.Problem();

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity with { FileOrder = FileOrder.Native };

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { FileOrder = FileOrder.Reversed };
}
