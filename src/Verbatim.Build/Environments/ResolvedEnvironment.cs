using Verbatim.Common.Records;

namespace Verbatim.Build.Environments;

/// <summary>A step environment ready to mount: the host's /usr, or an unpacked root file system verified against its digest.</summary>
/// <param name="Root">"/" for the host; the unpacked tree for a root file system.</param>
/// <param name="Digest">The root file system's digest (lowercase hex), null for the host.</param>
/// <param name="Packages">Every installed Debian package with its exact version, sorted by name.</param>
/// <param name="Mounts">Extra host paths bound read-only at the same place.</param>
public sealed record ResolvedEnvironment(string Root, string? Digest, IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Mounts)
{
    public bool IsHost => Digest is null;
}
