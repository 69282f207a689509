using Verbatim.Build.Environments;

namespace Verbatim.Build.Records;

/// <summary>The environment the steps ran in.</summary>
/// <param name="Kind"><c>host</c> or <c>rootfs</c>.</param>
public sealed record EnvironmentRecord(string Kind, string? Sha256, IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Mounts);
