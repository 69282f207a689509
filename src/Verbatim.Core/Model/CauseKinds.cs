namespace Verbatim.Core.Model;

/// <summary>Stable identifiers and human titles of <see cref="CauseKind"/> values (the JSON schema uses the identifiers).</summary>
public static class CauseKinds
{
    public static string Id(this CauseKind kind) => kind switch
    {
        CauseKind.Timestamp => "timestamp",
        CauseKind.BuildPath => "build-path",
        CauseKind.BuildId => "build-id",
        CauseKind.EmbeddedHash => "embedded-hash",
        CauseKind.MemberOrder => "member-order",
        CauseKind.Permissions => "permissions",
        CauseKind.Ownership => "ownership",
        CauseKind.Compression => "compression",
        CauseKind.RandomId => "random-id",
        CauseKind.HostOrUser => "host-or-user",
        CauseKind.LocaleOrdering => "locale-ordering",
        CauseKind.ToolchainVersion => "toolchain-version",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Title(this CauseKind kind) => kind switch
    {
        CauseKind.Timestamp => "embedded timestamp",
        CauseKind.BuildPath => "build path",
        CauseKind.BuildId => "build-id",
        CauseKind.EmbeddedHash => "hash of other contents",
        CauseKind.MemberOrder => "file or member order",
        CauseKind.Permissions => "permissions",
        CauseKind.Ownership => "ownership",
        CauseKind.Compression => "compression settings",
        CauseKind.RandomId => "random identifier",
        CauseKind.HostOrUser => "hostname or user name",
        CauseKind.LocaleOrdering => "locale-dependent ordering",
        CauseKind.ToolchainVersion => "toolchain version",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
