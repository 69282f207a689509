using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>reprotest's exec_path (PATH with an extra directory): not varied, the sandbox sets PATH itself.</summary>
public sealed class ExecPathVariation : IVariation
{
    public string Name => "exec_path";

    public string Description => "PATH with an extra directory";

    public string? SkipReason(VariationContext context) => "the sandbox sets PATH itself (identity-owned); not varied";

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity;
}
