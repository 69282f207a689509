using System.Security.Cryptography;
using System.Text;
using Verbatim.Build;
using Verbatim.Build.Environments;
using Verbatim.Common.IO;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// Build environments for Debian rebuilds: a root file system made by <c>verbatim env create debian</c>'s creator with
/// the build dependencies, remembered under the digest of the suite and package set (<c>rebuild-envs/KEY</c> in the
/// cache holds the root file system's digest), so every rebuild with the same set reuses it.
/// </summary>
internal static class DebianEnvironments
{
    public static string Key(string suite, IReadOnlyList<string> packages) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("debian-env/1\n" + suite + "\n" + string.Join('\n', packages.Order(StringComparer.Ordinal)))));

    public static async Task<string> GetOrCreateAsync(string suite, IReadOnlyList<string> packages, RebuildContext context, CancellationToken cancellationToken)
    {
        var store = context.Options.Store;
        var directory = Path.Combine(store.Root, "rebuild-envs");
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, Key(suite, packages));
        // Present is enough here: the build's prepare stage verifies the blob against its digest before it unpacks it
        // (and, once unpacked and marked verified, uses the tree without hashing the blob again); a corrupt entry is
        // removed there and created anew next time.
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() is { Length: 64 } known && File.Exists(store.BlobPath(known)))
        {
            context.Report($"environment sha256:{known} (cached: {suite} with {string.Join(",", packages)})");
            return known;
        }

        context.Report($"creating the environment: {suite} with {string.Join(",", packages)} (mmdebstrap; this takes minutes)");
        try
        {
            var created = await DebianEnvironmentCreator.CreateAsync(store, suite, packages, null, context.Report, cancellationToken).ConfigureAwait(false);
            AtomicWrite.Text(marker, created.Digest);
            return created.Digest;
        }
        catch (BuildException e)
        {
            throw new RebuildException($"the build environment cannot be created: {e.Message}", e);
        }
    }
}
