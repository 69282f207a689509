using Verbatim.Build.Cache;
using Verbatim.Build.Recipes;

namespace Verbatim.Build.Environments;

/// <summary>Turns a recipe's environment into something mountable: the host, or a cached root file system (its blob verified against its digest when it is unpacked).</summary>
public static class EnvironmentResolver
{
    public static async Task<ResolvedEnvironment> ResolveAsync(RecipeEnvironment environment, ContentStore store, CancellationToken cancellationToken = default)
    {
        foreach (var mount in environment.Mounts.Where(m => !Path.Exists(m)))
        {
            throw new BuildException($"environment: mount {mount} does not exist on this machine");
        }

        if (environment.RootfsDigest is not { } digest)
        {
            return new ResolvedEnvironment("/", null, await InstalledPackages.ListAsync("/", cancellationToken).ConfigureAwait(false), environment.Mounts);
        }

        if (store.VerifiedRootfs(digest) is { } verified)
        {
            // Unpacked from the blob after it was verified (the marker says so): not hashed again on every use.
            return new ResolvedEnvironment(verified, digest, await InstalledPackages.ListAsync(verified, cancellationToken).ConfigureAwait(false), environment.Mounts);
        }

        var blob = store.VerifiedBlob(digest)
            ?? throw new BuildException($"environment sha256:{digest} is not in the cache {store.Root} (or no longer matches its digest); create it with 'verbatim env create'");
        var root = store.RootfsPath(digest);
        if (!System.IO.Directory.Exists(root))
        {
            var staging = store.NewStaging();
            try
            {
                var unpacked = Path.Combine(staging, "root");
                await DeterministicTar.UnpackAsync(blob, unpacked, cancellationToken).ConfigureAwait(false);
                try
                {
                    System.IO.Directory.Move(unpacked, root);
                }
                catch (IOException) when (System.IO.Directory.Exists(root))
                {
                }
            }
            finally
            {
                TreeCopy.Delete(staging);
            }
        }

        store.MarkRootfsVerified(digest);
        return new ResolvedEnvironment(root, digest, await InstalledPackages.ListAsync(root, cancellationToken).ConfigureAwait(false), environment.Mounts);
    }
}
