using Verbatim.Build.Cache;
using Verbatim.Common.Digests;
using Verbatim.Common.Records;
using Verbatim.Build.Processes;

namespace Verbatim.Build.Environments;

/// <summary>
/// <c>verbatim env create debian</c>: a minimal Debian root file system made by mmdebstrap (<c>--variant=buildd</c>, the
/// requested packages installed while the network is still allowed), cleaned of logs and caches, packed by
/// <see cref="DeterministicTar"/> and stored in the cache under the tar's digest.
/// </summary>
public static class DebianEnvironmentCreator
{
    /// <summary>What was created: the digest a recipe pins, and every installed package with its version.</summary>
    public sealed record Created(string Digest, IReadOnlyList<InstalledPackage> Packages);

    /// <summary>Files mmdebstrap leaves behind that differ from run to run and matter to no build.</summary>
    private static readonly string[] Volatile =
    [
        "var/log", "var/cache/apt", "var/lib/apt/lists", "var/cache/debconf/config.dat-old", "var/cache/debconf/templates.dat-old",
        "var/lib/dpkg/status-old", "var/lib/dpkg/diversions-old", "var/lib/dpkg/available-old", "var/cache/ldconfig/aux-cache", "etc/machine-id",
    ];

    public static async Task<Created> CreateAsync(ContentStore store, string suite, IReadOnlyList<string> packages, string? mirror, Action<string>? log, CancellationToken cancellationToken = default)
    {
        if (packages.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or ':' or '=')))
        {
            throw new BuildException("env create: package names may hold only letters, digits, '.', '+', '-', ':' and '='");
        }

        var staging = store.NewStaging();
        try
        {
            var root = Path.Combine(staging, "root");
            var args = new List<string> { "--variant=buildd", "--quiet" };
            if (packages.Count > 0)
            {
                args.Add("--include=" + string.Join(',', packages));
            }

            args.AddRange([suite, root]);
            if (mirror is not null)
            {
                args.Add(mirror);
            }

            log?.Invoke($"mmdebstrap {string.Join(' ', args)}");
            var result = await ProcessRunner.RunAsync("mmdebstrap", args, staging, new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "0" }, null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new BuildException($"env create: mmdebstrap failed (exit {result.ExitCode}): {ProcessRunner.Tail(result.StdErr)}");
            }

            var installed = await InstalledPackages.ListAsync(root, cancellationToken).ConfigureAwait(false);
            foreach (var path in Volatile.Select(v => Path.Combine(root, v)))
            {
                if (System.IO.Directory.Exists(path))
                {
                    foreach (var file in System.IO.Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                    {
                        File.Delete(file);
                    }
                }
                else if (File.Exists(path))
                {
                    File.WriteAllBytes(path, []);
                }
            }

            var tar = Path.Combine(staging, "rootfs.tar");
            await DeterministicTar.PackAsync(root, tar, cancellationToken).ConfigureAwait(false);
            var digest = Sha256Digest.OfFile(tar).Hex;
            store.Adopt(tar, digest);
            return new Created(digest, installed);
        }
        finally
        {
            TreeCopy.Delete(staging);
        }
    }
}
