using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Address-space randomisation: off in the control (setarch -R), on in the experiment.</summary>
public sealed class AddressSpaceVariation : IVariation
{
    public string Name => "aslr";

    public string Description => "address-space randomisation off (control) or on";

    public string? SkipReason(VariationContext context) => AddressSpace.Problem();

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity with { AddressSpaceRandomization = false };

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { AddressSpaceRandomization = true };
}
