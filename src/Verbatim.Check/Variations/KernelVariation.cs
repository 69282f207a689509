using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another kernel release as <c>uname</c> prints it (the uname(2) system call itself stays real).</summary>
public sealed class KernelVariation : IVariation
{
    /// <summary>The release the experiment shows.</summary>
    public const string Release = "2.6.32-verbatim-check";

    public string Name => "kernel";

    public string Description => "uname -r prints another release";

    public string? SkipReason(VariationContext context) => UnameOverride.Problem(context.Environment);

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { KernelRelease = Release };
}
