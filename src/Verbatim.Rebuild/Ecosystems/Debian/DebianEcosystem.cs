using System.Globalization;
using Verbatim.Build.Inputs;
using Verbatim.Common.Digests;
using Verbatim.Rebuild.Ecosystems.Shared;
using Verbatim.Rebuild.Recipes;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// Debian: a source package (<c>NAME=VERSION</c> through apt-get source, a <c>.dsc</c> with its files, or a
/// <c>.buildinfo</c> naming one) and its published binary packages for amd64 and all (apt-get download, or given).
/// The environment is a root file system with the Build-Depends (cached by package set); SOURCE_DATE_EPOCH is
/// debian/changelog's; the build path is the buildds' <c>/build/reproducible-path/SOURCE-UPSTREAM</c>; the build is
/// <c>dpkg-buildpackage -b</c>, <c>-A</c> or <c>-B</c> as the references ask.
/// </summary>
public sealed class DebianEcosystem : IEcosystem
{
    /// <summary>Where Debian's build daemons build (reproduce.debian.net too): the source tree is a folder in it.</summary>
    public const string BuildRoot = "/build/reproducible-path";

    public string Name => "debian";

    public string SpecSyntax => "NAME=VERSION|FILE.dsc|FILE.buildinfo";

    public string? Recognize(string spec) => DebianSpec.Parse(spec) is null ? "neither NAME=VERSION, a .dsc nor a .buildinfo" : null;

    public async Task<RebuildPlan> PlanAsync(RebuildRequest request, RebuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var spec = DebianSpec.Parse(request.Spec)!;
        var outDir = context.Options.OutDir;
        ControlFile? buildinfo = null;
        if (spec.Buildinfo is { } buildinfoPath)
        {
            buildinfo = File.Exists(buildinfoPath) ? ControlFile.Parse(File.ReadAllText(buildinfoPath)) : throw new RebuildException($"{buildinfoPath}: no such file");
            if (buildinfo["Source"] is not { } source || buildinfo["Version"] is not { } v)
            {
                throw new RebuildException($"{buildinfoPath}: not a .buildinfo (no Source or Version field)");
            }

            var sourceName = source.Split(' ')[0];
            var sourceVersion = source.Contains('(', StringComparison.Ordinal) ? source[(source.IndexOf('(', StringComparison.Ordinal) + 1)..].TrimEnd(')') : v.Split("+b")[0];
            spec = new DebianSpec(sourceName, sourceVersion, null, buildinfoPath);
        }

        Apt? apt = null;
        async Task<Apt> AptAsync() => apt ??= await Apt.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        string dscPath;
        if (spec.Dsc is { } givenDsc)
        {
            dscPath = Path.GetFullPath(givenDsc);
            if (!File.Exists(dscPath))
            {
                throw new RebuildException($"{givenDsc}: no such file");
            }
        }
        else
        {
            var sourceDir = Path.Combine(outDir, "source");
            Directory.CreateDirectory(sourceDir);
            dscPath = await (await AptAsync().ConfigureAwait(false)).SourceAsync(spec.Name!, spec.Version!, sourceDir, cancellationToken).ConfigureAwait(false);
        }

        var dsc = ControlFile.Parse(File.ReadAllText(dscPath));
        var name = dsc["Source"] ?? throw new RebuildException($"{dscPath}: not a .dsc (no Source field)");
        var version = dsc["Version"] ?? throw new RebuildException($"{dscPath}: not a .dsc (no Version field)");
        var files = CheckFiles(dscPath, dsc);

        var references = request.References.Count > 0
            ? SourceInput.Given(request.References)
            : request.ForCheck ? [] : await FetchReferencesAsync(await AptAsync().ConfigureAwait(false), dsc, name, version, Path.Combine(outDir, "reference"), context, cancellationToken).ConfigureAwait(false);
        var binNmu = references.Where(r => !r.Name.EndsWith("_all.deb", StringComparison.Ordinal))
            .Select(r => BinNmu.FromReference(r.Path, version)).FirstOrDefault(b => b is not null);
        if (binNmu is not null)
        {
            context.Report($"the references are the binNMU {binNmu.Version} (dated {binNmu.Date()}): its changelog entry, read from the reference, is prepended to debian/changelog as sbuild does");
            var sameBuild = references.Where(r => !r.Name.EndsWith("_all.deb", StringComparison.Ordinal)).ToList();
            foreach (var skipped in references.Except(sameBuild))
            {
                context.Report($"{skipped.Name}: not compared (arch:all packages are not rebuilt in a binNMU; rebuild it alone with --reference)");
            }

            references = sameBuild;
        }

        var indep = references.Any(r => r.Name.EndsWith("_all.deb", StringComparison.Ordinal));
        var arch = references.Any(r => !r.Name.EndsWith("_all.deb", StringComparison.Ordinal));
        var mode = indep == arch ? "-b" : indep ? "-A" : "-B";

        var packages = BuildDepends.Packages(dsc).ToList();
        var differences = new List<string>();
        long? buildDate = null;
        string? buildDateEvidence = null;
        var buildPath = BuildRoot + "/" + name + "-" + DebianSpec.Upstream(version);
        if (buildinfo is not null)
        {
            (packages, differences) = await PinAsync(await AptAsync().ConfigureAwait(false), buildinfo, packages, cancellationToken).ConfigureAwait(false);
            if (buildinfo["Build-Path"] is { Length: > 1 } path && path.StartsWith('/') && !path.Split('/').Contains(".."))
            {
                buildPath = path.TrimEnd('/');
            }

            if (buildinfo["Build-Date"] is { } date && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                (buildDate, buildDateEvidence) = (parsed.ToUnixTimeSeconds(), "the .buildinfo's Build-Date");
            }
        }

        if (buildDate is null && references.Select(r => DebArchive.NewestMemberTime(r.Path)).Max() is { } newest)
        {
            (buildDate, buildDateEvidence) = (newest, "the references' ar member times (dpkg-deb writes SOURCE_DATE_EPOCH; the buildds build within hours of the upload)");
        }

        if (request.MatchBuildTime || request.ForCheck)
        {
            packages.Add("faketime"); // the clock is set with libfaketime, which must be in the environment
        }

        var rootfs = await DebianEnvironments.GetOrCreateAsync(context.Options.DebianSuite, packages, context, cancellationToken).ConfigureAwait(false);
        var epoch = binNmu?.Epoch ?? Epoch(dscPath, files);
        var sourceTree = Path.GetFileName(buildPath);
        var inputs = new[] { (Path.GetFileName(dscPath), Sha256Digest.OfFile(dscPath).Hex) }.Concat(files.Select(f => (f.Name, f.Sha256)))
            .Select((f, i) => (i == 0 ? "dsc" : "file" + i.ToString(CultureInfo.InvariantCulture), Path.Combine(Path.GetDirectoryName(dscPath)!, f.Item1), f.Item2, (string?)f.Item1))
            .ToList();
        var unpack = $"dpkg-source --no-check -x {InferredRecipe.Sh(Path.GetFileName(dscPath))} {InferredRecipe.Sh(sourceTree)}";
        if (binNmu is not null)
        {
            var entryPath = Path.Combine(outDir, "source", BinNmu.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(entryPath)!);
            Verbatim.Common.IO.AtomicWrite.Bytes(entryPath, binNmu.FileBytes());
            inputs.Add(("binnmu", entryPath, Sha256Digest.OfFile(entryPath).Hex, BinNmu.FileName));
            unpack += $" && cd {InferredRecipe.Sh(sourceTree)} && {BinNmu.PrependCommand("../" + BinNmu.FileName)}";
        }

        var recipe = new InferredRecipe
        {
            Comment = $"Inferred by 'verbatim rebuild debian {request.Spec}': dpkg-buildpackage {mode} of {name} {binNmu?.Version ?? version}\n" +
                $"in a {context.Options.DebianSuite} root file system with its Build-Depends ({string.Join(", ", packages)}),\n" +
                $"at the build path {buildPath}; SOURCE_DATE_EPOCH is debian/changelog's newest entry" +
                (binNmu is null ? "." : $",\nthe binNMU entry (from the reference's changelog) prepended as sbuild --make-binNMU does."),
            Name = SafeName(name),
            Version = binNmu?.Version ?? version,
            RootfsDigest = rootfs,
            SourceDateEpoch = epoch,
            Inputs = inputs,
            // The sandbox's user namespace maps no uid 0: a real chown to root fails with EINVAL, which fakeroot would
            // pass on (it forgives only EPERM). With FAKEROOTDONTTRYCHOWN it records the owner without trying.
            Env = new Dictionary<string, string> { ["DEB_BUILD_OPTIONS"] = "parallel=2", ["FAKEROOTDONTTRYCHOWN"] = "1" },
            Tools = ["dpkg-buildpackage", "gcc", "dh"],
            TimeoutSeconds = 3600,
            Steps =
            [
                ("unpack", unpack),
                ("build", $"cd {InferredRecipe.Sh(sourceTree)} && dpkg-buildpackage {mode} --no-sign"),
            ],
            Outputs = ["*.deb"],
        };
        var recipeDir = Path.Combine(context.Scratch, "recipe");
        Directory.CreateDirectory(recipeDir);
        return new RebuildPlan
        {
            RecipeYaml = recipe.ToYaml(),
            RecipeDirectory = recipeDir,
            References = references,
            BuildPath = Path.GetDirectoryName(buildPath),
            ReferenceBuildTime = buildDate,
            ReferenceBuildTimeEvidence = buildDateEvidence,
            EnvironmentDifferences = differences,
            Pair = Pair,
        };
    }

    /// <summary>A rebuilt .deb pairs with the reference of the same package and architecture (a binNMU's version differs: the diff then shows it).</summary>
    private static ReferenceArtifact? Pair(string output, IReadOnlyList<ReferenceArtifact> references)
    {
        static string Key(string file)
        {
            var parts = Path.GetFileName(file).Split('_');
            return parts.Length == 3 ? parts[0] + "_" + parts[2] : file;
        }

        return RebuildPlan.DefaultPair(output, references) ?? references.FirstOrDefault(r => Key(r.Name) == Key(output));
    }

    public IReadOnlyList<Revelation> Reveal(ReferenceArtifact reference, RebuildEnvironmentFacts rebuilt)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(rebuilt);
        var found = new List<Revelation>();
        var time = DebArchive.NewestMemberTime(reference.Path);
        var clock = rebuilt.BuildTime.StartsWith("from ", StringComparison.Ordinal) ? rebuilt.BuildTime[5..] : "the real clock at the rebuild";
        found.Add(new Revelation(reference.Name, "build-date", time is { } t ? Date(t) : null, clock,
            "the .deb's ar member times (SOURCE_DATE_EPOCH, " + Date(rebuilt.SourceDateEpoch) + " for the rebuild); the clock the steps read is what embeds a build year"));
        if (reference.Name.EndsWith("_all.deb", StringComparison.Ordinal))
        {
            return found;
        }

        var gcc = rebuilt.Packages.Where(p => p.Key.StartsWith("gcc-", StringComparison.Ordinal) && p.Key[4..].All(char.IsAsciiDigit))
            .OrderByDescending(p => int.Parse(p.Key[4..], CultureInfo.InvariantCulture)).Select(p => $"GCC: (Debian {p.Value}) {DebianSpec.Upstream(p.Value)}").FirstOrDefault();
        var compilers = DebArchive.Compilers(reference.Path);
        found.Add(compilers.Count > 0
            ? new Revelation(reference.Name, "compiler", string.Join("; ", compilers), gcc, "the .comment sections of its ELF files")
            : new Revelation(reference.Name, "compiler", null, gcc,
                "its ELF files carry no .comment (dh_strip removes it); the -dbgsym package that keeps it is in the debian-debug archive, which the configured mirror does not serve: the compiler could not be had"));
        return found;
    }

    /// <summary>Checks the files a .dsc lists exist beside it with their SHA-256 (a tampered source stops here, before any step).</summary>
    private static IReadOnlyList<(string Sha256, long Size, string Name)> CheckFiles(string dscPath, ControlFile dsc)
    {
        var files = dsc.Sha256Files();
        if (files.Count == 0)
        {
            throw new RebuildException($"{dscPath}: lists no Checksums-Sha256 files");
        }

        foreach (var (sha256, _, file) in files)
        {
            if (file.Contains('/', StringComparison.Ordinal) || file.StartsWith('.'))
            {
                throw new RebuildException($"{dscPath}: refuses the file name '{file}'");
            }

            var path = Path.Combine(Path.GetDirectoryName(dscPath)!, file);
            if (!File.Exists(path))
            {
                throw new RebuildException($"{path}: listed by {Path.GetFileName(dscPath)} but missing");
            }

            var actual = Sha256Digest.OfFile(path).Hex;
            if (actual != sha256)
            {
                throw new RebuildException($"{path}: sha256 {actual} is not the {sha256} {Path.GetFileName(dscPath)} lists (tampered source); no step was run");
            }
        }

        return files;
    }

    private static async Task<List<ReferenceArtifact>> FetchReferencesAsync(Apt apt, ControlFile dsc, string name, string version, string directory, RebuildContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var binaries = dsc.Lines("Package-List")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 5 && f[1] == "deb")
            .Where(f => f[4].Replace("arch=", "", StringComparison.Ordinal).Split(',').Any(a => a is "any" or "all" or "amd64" or "linux-any" or "any-amd64"))
            .Select(f => f[0])
            .ToList();
        if (binaries.Count == 0)
        {
            binaries = (dsc["Binary"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        // Each binary package's lookup and download are independent: run them at once.
        var fetched = await Task.WhenAll(binaries.Select(async binary =>
        {
            var found = await apt.DownloadAsync(binary, version, directory, cancellationToken).ConfigureAwait(false);
            if (found is null && await apt.BinNmuVersionAsync(binary, version, cancellationToken).ConfigureAwait(false) is { } binNmu)
            {
                context.Report($"{binary}={version}: the archives have the binNMU {binNmu}");
                found = await apt.DownloadAsync(binary, binNmu, directory, cancellationToken).ConfigureAwait(false);
            }

            if (found is null)
            {
                context.Report($"{binary}={version}: not in the configured archives for amd64 (skipped)");
            }

            return found;
        })).ConfigureAwait(false);
        var references = fetched.OfType<(string Path, string Sha256)>()
            .Select(f => new ReferenceArtifact(Path.GetFileName(f.Path), f.Path, f.Sha256, "apt-get download"))
            .ToList();
        return references.Count > 0
            ? references
            : throw new RebuildException($"debian {name}={version}: none of its binary packages ({string.Join(", ", binaries)}) is in the configured archives for amd64 or all");
    }

    /// <summary>The Build-Depends pinned to the .buildinfo's versions where the archives have them; every installed version they lack is an environment difference.</summary>
    private static async Task<(List<string>, List<string>)> PinAsync(Apt apt, ControlFile buildinfo, List<string> packages, CancellationToken cancellationToken)
    {
        var installed = (buildinfo["Installed-Build-Depends"] ?? "").Replace('\n', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Split(' ', 2))
            .Where(f => f.Length == 2 && f[1].StartsWith("(=", StringComparison.Ordinal))
            .Select(f => (Name: f[0].Split(':')[0], Version: f[1][2..].TrimEnd(')').Trim()))
            .GroupBy(p => p.Name).Select(g => g.First()).ToList();
        var available = installed.Count == 0 ? new HashSet<string>() : await apt.VersionsAsync(installed.Select(p => p.Name), cancellationToken).ConfigureAwait(false);
        var differences = installed.Where(p => !available.Contains(p.Name + "=" + p.Version))
            .Select(p => $"{p.Name} {p.Version}: the .buildinfo's version is not in the configured archives (they have {string.Join(", ", available.Where(a => a.StartsWith(p.Name + "=", StringComparison.Ordinal)).Select(a => a[(p.Name.Length + 1)..]).DefaultIfEmpty("none"))})")
            .ToList();
        var versions = installed.ToDictionary(p => p.Name, p => p.Version, StringComparer.Ordinal);
        var pinned = packages.Select(p => versions.TryGetValue(p, out var v) && available.Contains(p + "=" + v) ? p + "=" + v : p).ToList();
        return (pinned, differences);
    }

    /// <summary>SOURCE_DATE_EPOCH: the newest debian/changelog entry's date, read from the source's debian tarball (or a native source's only tarball).</summary>
    private static long Epoch(string dscPath, IReadOnlyList<(string Sha256, long Size, string Name)> files)
    {
        var directory = Path.GetDirectoryName(dscPath)!;
        foreach (var (_, _, file) in files.OrderBy(f => f.Name.Contains(".debian.tar.", StringComparison.Ordinal) ? 0 : 1))
        {
            if (!file.Contains(".tar.", StringComparison.Ordinal))
            {
                continue;
            }

            if (DebArchive.TarMemberText(Path.Combine(directory, file), "debian/changelog") is { } text && SourceDateEpochResolver.FromChangelog(text.Split('\n')) is { } epoch)
            {
                return epoch;
            }
        }

        throw new RebuildException($"{dscPath}: no debian/changelog with a dated entry in its tarballs (a format 1.0 .diff.gz source is not supported)");
    }

    private static string Date(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' ? c : '-'));
}
