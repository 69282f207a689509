using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another user and group: names and ids.</summary>
public sealed class UserGroupVariation : IVariation
{
    public string Name => "user_group";

    public string Description => "another user and group (names and ids)";

    public string? SkipReason(VariationContext context) => null;

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { UserName = "verbatim-other", UserId = 2345, GroupName = "verbatim-other", GroupId = 2345 };
}
