namespace Verbatim.Core.Model;

/// <summary>The classified likely causes of a difference. Their JSON names are in <see cref="CauseKinds"/>.</summary>
public enum CauseKind
{
    Timestamp,
    BuildPath,
    BuildId,
    EmbeddedHash,
    MemberOrder,
    Permissions,
    Ownership,
    Compression,
    RandomId,
    HostOrUser,
    LocaleOrdering,
    ToolchainVersion,
}
