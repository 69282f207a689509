namespace Verbatim.Build.Recipes;

/// <summary>Where a step's toolchain comes from: the host's /usr (read-only) or a root file system pinned by digest.</summary>
/// <param name="RootfsDigest">Null for <c>host</c>; otherwise the lowercase hex SHA-256 of the packed root file system.</param>
/// <param name="Mounts">Extra absolute host paths bound read-only at the same place (e.g. an SDK directory).</param>
public sealed record RecipeEnvironment(string? RootfsDigest, IReadOnlyList<string> Mounts)
{
    public bool IsHost => RootfsDigest is null;

    public override string ToString() => IsHost ? "host" : "rootfs sha256:" + RootfsDigest;
}
