using Verbatim.Common.Digests;

namespace Verbatim.Common.Records;

/// <summary>The environment the steps ran in.</summary>
/// <param name="Kind"><c>host</c> or <c>rootfs</c>.</param>
/// <param name="Sha256">The root file system's digest; null for the host.</param>
/// <param name="Packages">Every installed Debian package, sorted by name.</param>
/// <param name="Mounts">Extra host paths bound read-only at the same place.</param>
public sealed record EnvironmentRecord(string Kind, Sha256Digest? Sha256, IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Mounts);
