using System.Globalization;
using Verbatim.Build.Processes;
using Verbatim.Common.Digests;
using Verbatim.Common.IO;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// apt with a configuration of its own (in the cache): the host's sources (<c>*.sources</c>) with <c>deb-src</c> added,
/// lists updated once a day. <c>apt-get source</c> and <c>apt-get download</c> fetch what the signed indexes list;
/// when the mirror answers 404 for a file, it is fetched from any configured archive's pool and checked against the
/// index's SHA-256.
/// </summary>
internal sealed class Apt
{
    private readonly string root;
    private readonly IReadOnlyList<string> uris;
    private readonly RebuildContext context;

    private Apt(string root, IReadOnlyList<string> uris, RebuildContext context)
    {
        this.root = root;
        this.uris = uris;
        this.context = context;
    }

    public static async Task<Apt> OpenAsync(RebuildContext context, CancellationToken cancellationToken)
    {
        var root = Path.Combine(context.Options.Store.Root, "rebuild-apt");
        var parts = Path.Combine(root, "sources.list.d");
        Directory.CreateDirectory(parts);
        Directory.CreateDirectory(Path.Combine(root, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(root, "cache", "archives", "partial"));
        var uris = new List<string>();
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.Exists(context.Options.AptSourcesDirectory) ? Directory.GetFiles(context.Options.AptSourcesDirectory, "*.sources").Order(StringComparer.Ordinal).ToArray() : [])
        {
            foreach (var paragraph in File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var stanza = ControlFile.Parse(paragraph);
                if (stanza["URIs"] is not { } u || stanza["Suites"] is not { } suites)
                {
                    continue;
                }

                uris.AddRange(u.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                text.Append(CultureInfo.InvariantCulture, $"Types: deb deb-src\nURIs: {u}\nSuites: {suites}\nComponents: {stanza["Components"] ?? "main"}\n");
                if (stanza["Signed-By"] is { } signedBy)
                {
                    text.Append(CultureInfo.InvariantCulture, $"Signed-By: {signedBy}\n");
                }

                text.Append('\n');
            }
        }

        if (uris.Count == 0)
        {
            throw new RebuildException($"{context.Options.AptSourcesDirectory}: no apt sources (*.sources with URIs and Suites) to fetch Debian packages from");
        }

        var sources = Path.Combine(parts, "verbatim.sources");
        var wanted = text.ToString();
        var apt = new Apt(root, uris, context);
        var stamp = Path.Combine(root, "updated");
        if (!File.Exists(sources) || File.ReadAllText(sources) != wanted || !File.Exists(stamp) || File.GetLastWriteTimeUtc(stamp) < DateTime.UtcNow.AddDays(-1))
        {
            AtomicWrite.Text(sources, wanted);
            context.Report("apt-get update (deb and deb-src indexes of " + string.Join(", ", uris) + ")");
            var update = await apt.RunAsync(root, cancellationToken, "update").ConfigureAwait(false);
            if (update.ExitCode != 0)
            {
                throw new RebuildException($"apt-get update failed: {ProcessRunner.Tail(update.StdErr).Trim()}");
            }

            AtomicWrite.Text(stamp, "");
        }

        return apt;
    }

    private string[] Options() =>
    [
        "-o", "Dir::Etc::SourceList=/dev/null",
        "-o", "Dir::Etc::SourceParts=" + Path.Combine(root, "sources.list.d"),
        "-o", "Dir::State::Lists=" + Path.Combine(root, "lists"),
        "-o", "Dir::Cache=" + Path.Combine(root, "cache"),
        // apt's binary caches, which container images often turn off (Dir::Cache::pkgcache ""): without them every
        // apt-cache and apt-get call parses the whole Packages and Sources indexes again (a second of CPU each).
        "-o", "Dir::Cache::pkgcache=pkgcache.bin",
        "-o", "Dir::Cache::srcpkgcache=srcpkgcache.bin",
        "-o", "APT::Sandbox::User=root",
        "-o", "Acquire::Languages=none",
        "-q",
    ];

    public Task<ProcessRunner.Result> RunAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        ProcessRunner.RunAsync("apt-get", [.. Options(), .. arguments], directory, null, null, cancellationToken);

    public Task<ProcessRunner.Result> CacheAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ProcessRunner.RunAsync("apt-cache", [.. Options(), .. arguments], root, null, null, cancellationToken);

    /// <summary>
    /// The source package's .dsc and files in <paramref name="directory"/>; returns the .dsc's path. Each file comes from
    /// the content store when it holds the SHA-256 the signed Sources index lists (verified there); otherwise from
    /// <c>apt-get source</c>, or any configured archive's pool, and it is then added to the store.
    /// </summary>
    public async Task<string> SourceAsync(string name, string version, string directory, CancellationToken cancellationToken)
    {
        var record = await CacheAsync(cancellationToken, "showsrc", "--only-source", name).ConfigureAwait(false);
        var records = record.ExitCode == 0
            ? record.StdOut.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(ControlFile.Parse).Where(p => p["Package"] == name).ToList()
            : [];
        var entry = records.FirstOrDefault(p => p["Version"] == version)
            ?? throw new RebuildException($"debian {name}={version}: no such source package in the configured archives (apt-cache showsrc found none)");
        var files = entry.Sha256Files();
        var store = context.Options.Store;
        var missing = files.Where(f => !store.TryCopyBlob(f.Sha256, Path.Combine(directory, f.Name))).ToList();
        if (missing.Count == 0)
        {
            context.Report($"{name}={version}: its {files.Count} source files are in the cache (by the SHA-256 the signed Sources index lists)");
        }
        else
        {
            context.Report($"apt-get source --download-only {name}={version}");
            var fetched = await RunAsync(directory, cancellationToken, "source", "--download-only", $"{name}={version}").ConfigureAwait(false);
            foreach (var (sha256, _, file) in missing.Where(f => !Matches(Path.Combine(directory, f.Name), f.Sha256)))
            {
                context.Report($"{file}: apt-get source failed ({ProcessRunner.Tail(fetched.StdErr, 1).Trim()}); fetching it from the archives' pools by the index's SHA-256");
                var directories = records.Where(r => r.Sha256Files().Any(f => f.Sha256 == sha256)).Select(r => r["Directory"]).OfType<string>();
                await FromPoolAsync([.. directories.Select(d => d + "/" + file)], sha256, Path.Combine(directory, file), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var (sha256, _, file) in files)
        {
            var path = Path.Combine(directory, file);
            if (!Matches(path, sha256))
            {
                throw new RebuildException($"{file}: missing or not the SHA-256 the signed Sources index lists ({sha256})");
            }

            if (missing.Any(m => m.Sha256 == sha256))
            {
                store.AddBlob(path, sha256);
            }
        }

        return Path.Combine(directory, files.Select(f => f.Name).Single(f => f.EndsWith(".dsc", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Binary package <paramref name="package"/> at <paramref name="version"/> in <paramref name="directory"/>, with its
    /// SHA-256 (the signed Packages index's); null when the archives do not have it. From the content store when it
    /// holds that digest, else <c>apt-get download</c> or a pool, then added to the store.
    /// </summary>
    public async Task<(string Path, string Sha256)?> DownloadAsync(string package, string version, string directory, CancellationToken cancellationToken)
    {
        var record = await CacheAsync(cancellationToken, "show", $"{package}={version}").ConfigureAwait(false);
        var entry = record.ExitCode == 0 ? ControlFile.Parse(record.StdOut) : null;
        if (entry?["Filename"] is not { } filename || entry["SHA256"] is not { } listed)
        {
            return null;
        }

        var sha256 = listed.ToLowerInvariant();
        var target = Path.Combine(directory, Path.GetFileName(filename));
        var store = context.Options.Store;
        if (store.TryCopyBlob(sha256, target))
        {
            context.Report($"{Path.GetFileName(filename)}: in the cache (by the SHA-256 the signed Packages index lists)");
            return (target, sha256);
        }

        context.Report($"apt-get download {package}={version}");
        var fetched = await RunAsync(directory, cancellationToken, "download", $"{package}={version}").ConfigureAwait(false);
        var saved = Directory.GetFiles(directory, package + "_*.deb").FirstOrDefault(f => Matches(f, sha256));
        if (fetched.ExitCode != 0 || saved is null)
        {
            context.Report($"apt-get download {package}={version} failed; fetching {filename} from the archives' pools by the index's SHA-256");
            await FromPoolAsync([filename], sha256, target, cancellationToken).ConfigureAwait(false);
            saved = target;
        }

        if (saved != target)
        {
            File.Move(saved, target, overwrite: true);
        }

        store.AddBlob(target, sha256);
        return (target, sha256);
    }

    private static bool Matches(string path, string sha256) => File.Exists(path) && Sha256Digest.OfFile(path).Hex == sha256;

    /// <summary>The newest binNMU (<c>VERSION+bN</c>) of <paramref name="package"/> the archives offer, or null.</summary>
    public async Task<string?> BinNmuVersionAsync(string package, string version, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync([package], cancellationToken).ConfigureAwait(false);
        return versions.Select(v => v[(package.Length + 1)..])
            .Where(v => v.StartsWith(version + "+b", StringComparison.Ordinal) && int.TryParse(v[(version.Length + 2)..], out _))
            .OrderByDescending(v => int.Parse(v[(version.Length + 2)..], CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    /// <summary>Every version of <paramref name="package"/> the archives offer.</summary>
    public async Task<IReadOnlySet<string>> VersionsAsync(IEnumerable<string> packages, CancellationToken cancellationToken)
    {
        var list = packages.ToList();
        var result = await CacheAsync(cancellationToken, ["madison", .. list]).ConfigureAwait(false);
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(f => f.Length >= 2)
            .Select(f => f[0] + "=" + f[1])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Where a pool file may be: each path a signed index gives (a file several suites list may be in several), under
    /// each configured archive, in both pool layouts (<c>pool/main/…</c> of the main archive and <c>pool/updates/main/…</c>
    /// of the security archive, which carry the same file once a security update reaches a point release).
    /// </summary>
    internal static IReadOnlyList<string> PoolCandidates(IEnumerable<string> uris, IEnumerable<string> relatives)
    {
        var paths = new List<string>();
        foreach (var relative in relatives)
        {
            paths.Add(relative);
            if (relative.StartsWith("pool/updates/", StringComparison.Ordinal))
            {
                paths.Add("pool/" + relative["pool/updates/".Length..]);
            }
            else if (relative.StartsWith("pool/", StringComparison.Ordinal))
            {
                paths.Add("pool/updates/" + relative["pool/".Length..]);
            }
        }

        return [.. paths.Distinct(StringComparer.Ordinal).SelectMany(p => uris.Distinct(StringComparer.Ordinal).Select(u => u.TrimEnd('/') + "/" + p))];
    }

    private async Task FromPoolAsync(IReadOnlyList<string> relatives, string sha256, string target, CancellationToken cancellationToken)
    {
        var candidates = PoolCandidates(uris, relatives);
        foreach (var url in candidates)
        {
            try
            {
                using var response = await context.Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) == sha256)
                {
                    AtomicWrite.Bytes(target, bytes);
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
        }

        throw new RebuildException($"{relatives[0]}: no configured archive serves it with the SHA-256 {sha256} its signed index lists (tried {candidates.Count} places: {string.Join(", ", uris.Distinct(StringComparer.Ordinal))}, in pool/ and pool/updates/)");
    }
}
