using Verbatim.Build.Processes;
using Verbatim.Common.Records;

namespace Verbatim.Build.Environments;

/// <summary>Lists the Debian packages installed in a tree, as dpkg-query reports them.</summary>
public static class InstalledPackages
{
    /// <summary>The packages installed in the tree whose dpkg database is at <c>ROOT/var/lib/dpkg</c>, sorted by name; empty without dpkg.</summary>
    public static async Task<IReadOnlyList<InstalledPackage>> ListAsync(string root, CancellationToken cancellationToken = default)
    {
        var admin = Path.Combine(root, "var/lib/dpkg");
        if (!File.Exists(Path.Combine(admin, "status")))
        {
            return [];
        }

        var result = await ProcessRunner.RunAsync("dpkg-query", ["--admindir=" + admin, "-W", "-f=${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            return [];
        }

        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 4 && f[0].StartsWith("ii", StringComparison.Ordinal))
            .Select(f => new InstalledPackage(f[1], f[2], f[3]))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Architecture, StringComparer.Ordinal)
            .ToList();
    }
}
