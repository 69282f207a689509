using Verbatim.Core.Compression;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Verbatim.Build.Hashing;
using Verbatim.Build.Processes;
using Verbatim.Common.Digests;
using Verbatim.Common.IO;
using Verbatim.Rebuild.Recipes;

namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// npm: <c>NAME@VERSION</c> (the registry tarball, checked against the registry's integrity, is both the source —
/// its own contents — and, unless one is given, the reference) or a package source <c>DIR</c> (the reference is the
/// registry tarball of its package.json's name and version, or the one given). The recipe runs <c>npm pack</c>
/// offline without lifecycle scripts on the host's npm; <see cref="FinishAsync"/> recompresses the tarball's tar with
/// the system zlib at the level and with the header the reference reveals.
/// </summary>
public sealed class NpmEcosystem : IEcosystem
{
    public string Name => "npm";

    public string SpecSyntax => "NAME@VERSION|DIR";

    public string? Recognize(string spec) =>
        NpmSpec.Parse(spec) is null ? "neither NAME@VERSION nor a directory path (write ./DIR for a folder here)" : null;

    public async Task<RebuildPlan> PlanAsync(RebuildRequest request, RebuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var spec = NpmSpec.Parse(request.Spec)!;
        string name, version;
        string sourcePath;
        bool fromTarball;
        string? registryTarball = null;
        if (spec.Directory is { } dir)
        {
            if (!File.Exists(Path.Combine(dir, "package.json")))
            {
                throw new RebuildException($"{dir}: no package.json (not an npm package directory)");
            }

            (name, version) = ReadPackageJson(Path.Combine(dir, "package.json"));
            sourcePath = Path.GetFullPath(dir);
            fromTarball = false;
        }
        else
        {
            (name, version) = (spec.Name!, spec.Version!);
            registryTarball = await FetchRegistryTarballAsync(name, version, context, cancellationToken).ConfigureAwait(false);
            sourcePath = registryTarball;
            fromTarball = true;
        }

        var references = new List<ReferenceArtifact>();
        if (request.References.Count > 0)
        {
            references.AddRange(Shared.SourceInput.Given(request.References));
        }
        else if (!request.ForCheck)
        {
            registryTarball ??= await FetchRegistryTarballAsync(name, version, context, cancellationToken).ConfigureAwait(false);
            var target = Path.Combine(context.Options.OutDir, "reference", Path.GetFileName(registryTarball));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(registryTarball, target, overwrite: true);
            references.Add(new ReferenceArtifact(Path.GetFileName(target), target, Sha256Digest.OfFile(target).Hex, $"npm registry ({name}@{version})"));
        }

        var safe = NpmSpec.SafeName(name);
        var recipe = new InferredRecipe
        {
            Comment = $"Inferred by 'verbatim rebuild npm {request.Spec}': npm pack, offline, no lifecycle scripts, on the host's npm.\n" +
                "The tarball's tar is then recompressed with the system zlib at the level the reference reveals (not part of this recipe).",
            Name = "npm-" + safe,
            Version = version,
            SourceDateEpoch = NpmTarball.FixedMtime,
            Inputs = [fromTarball ? ("source", sourcePath, Sha256Digest.OfFile(sourcePath).Hex, "source.tgz") : ("source", sourcePath, TreeHasher.OfPath(sourcePath).Hex, "package")],
            Env = new Dictionary<string, string> { ["npm_config_cache"] = "/tmp/npm-cache", ["npm_config_update_notifier"] = "false", ["npm_config_fund"] = "false", ["npm_config_audit"] = "false" },
            Tools = ["npm", "node"],
            TimeoutSeconds = 600,
            Steps = fromTarball
                ? [("unpack", "mkdir -p src && tar -xzf source.tgz -C src --no-same-owner --no-same-permissions"), ("pack", "mkdir -p dist && cd src/package && npm pack --offline --ignore-scripts --pack-destination ../../dist")]
                : [("pack", "mkdir -p dist && cd package && npm pack --offline --ignore-scripts --pack-destination ../dist")],
            Outputs = ["dist/*.tgz"],
        };
        return Shared.SingleArtifactPlan.Create(recipe, context, references, null, null);
    }

    public Task<string> FinishAsync(string built, ReferenceArtifact reference, RebuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(context);
        NpmTarball revealed, rebuilt;
        try
        {
            revealed = NpmTarball.Read(reference.Path);
            rebuilt = NpmTarball.Read(built);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            context.Report($"{reference.Name}: not recompressed ({e.Message})");
            return Task.FromResult(built);
        }

        var final = Path.Combine(Path.GetDirectoryName(built)!, reference.Name);
        var generation = NpmGeneration.Of(revealed);
        byte[] tar;
        string? change;
        try
        {
            tar = generation.Emulate(rebuilt.Tar, revealed, out change);
        }
        catch (InvalidDataException e)
        {
            context.Report($"{Path.GetFileName(built)}: its tar is not laid out again ({e.Message})");
            (tar, change) = (rebuilt.Tar, null);
        }

        if (change is not null)
        {
            context.Report($"{Path.GetFileName(built)}: {change} (the reference reveals {generation.Packer}: {generation.Evidence})");
        }

        if (revealed.Level is { } level)
        {
            context.Report($"recompressing {Path.GetFileName(built)} with the system zlib {SystemDeflate.Version} at level {level.ToString(CultureInfo.InvariantCulture)}, OS byte {revealed.Os.ToString(CultureInfo.InvariantCulture)}, as the reference reveals");
            AtomicWrite.Bytes(final, revealed.Recompress(tar, level));
        }
        else if (change is not null)
        {
            context.Report($"{reference.Name}: its deflate stream is not the system zlib's at any level: the laid-out tar is compressed at level {revealed.LevelOrHint.ToString(CultureInfo.InvariantCulture)} (its extra flags' hint)");
            AtomicWrite.Bytes(final, revealed.Recompress(tar, revealed.LevelOrHint));
        }
        else
        {
            context.Report($"{reference.Name}: its deflate stream is not the system zlib's at any level: npm's own compression kept");
            if (final != built)
            {
                File.Copy(built, final, overwrite: true);
            }
        }

        if (final != built)
        {
            File.Delete(built);
        }

        return Task.FromResult(final);
    }

    public IReadOnlyList<Revelation> Reveal(ReferenceArtifact reference, RebuildEnvironmentFacts rebuilt)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(rebuilt);
        NpmTarball tarball;
        try
        {
            tarball = NpmTarball.Read(reference.Path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return [new Revelation(reference.Name, "packer", null, null, $"not a gzip-compressed tar: {e.Message}")];
        }

        var npm = rebuilt.Tools.TryGetValue("npm", out var v) ? "npm " + v : null;
        var fixedTime = tarball.FirstMtime == NpmTarball.FixedMtime;
        var generation = NpmGeneration.Of(tarball);
        var rebuildPacker = npm is null ? null
            : int.TryParse(npm[4..].Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) && major >= 7 ? "npm 7 or later" : npm;
        var emulated = generation.Packer == rebuildPacker ? ""
            : generation.Order is not null || generation.RealMtimes
                ? $"; the rebuilt tar is laid out as {generation.Packer} wrote it ({(generation.Order is not null ? "its member order" : "")}{(generation.Order is not null && generation.RealMtimes ? ", " : "")}{(generation.RealMtimes ? "the reference's member times" : "")})"
                : "";
        return
        [
            new Revelation(reference.Name, "packer", generation.Packer, rebuildPacker,
                $"{generation.Evidence}; rebuilt with {npm ?? "an unknown npm"}{emulated}"),
            new Revelation(reference.Name, "gzip-level", tarball.Level is { } l ? "system zlib level " + l.ToString(CultureInfo.InvariantCulture) : "not the system zlib", tarball.Level is { } m ? "system zlib level " + m.ToString(CultureInfo.InvariantCulture) : "npm's own (Node's zlib)",
                tarball.Level is null ? $"no level of the system zlib {SystemDeflate.Version} reproduces its deflate stream (another deflate implementation, e.g. Node's bundled zlib: the rebuild keeps npm's own); extra flags {tarball.ExtraFlags.ToString(CultureInfo.InvariantCulture)} hint level {tarball.LevelOrHint.ToString(CultureInfo.InvariantCulture)}" : $"its deflate stream is the system zlib {SystemDeflate.Version}'s at this level: the rebuild is recompressed the same way"),
            new Revelation(reference.Name, "build-date", fixedTime ? null : Date(tarball.FirstMtime), null, fixedTime ? "member times are npm's fixed time: no build date is revealed" : "the first member's mtime (npm before 5.8 stored the files' own times; the rebuilt members carry the reference's over)"),
        ];
    }

    private static string? Date(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    private static (string Name, string Version) ReadPackageJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && NpmSpec.Parse($"{n.GetString()}@{v.GetString()}") is not null)
            {
                return (n.GetString()!, v.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw new RebuildException($"{path}: not valid JSON: {e.Message.Split('\n')[0]}", e);
        }

        throw new RebuildException($"{path}: needs a valid \"name\" and \"version\"");
    }

    /// <summary>Fetches NAME@VERSION's registry tarball with <c>npm pack</c> and checks it against the registry's <c>dist.integrity</c>.</summary>
    private static async Task<string> FetchRegistryTarballAsync(string name, string version, RebuildContext context, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.Scratch, "registry");
        Directory.CreateDirectory(directory);
        var env = new Dictionary<string, string> { ["npm_config_cache"] = Path.Combine(context.Scratch, "npm-cache"), ["npm_config_update_notifier"] = "false" };
        context.Report($"npm pack {name}@{version}");
        var view = await ProcessRunner.RunAsync("npm", ["view", $"{name}@{version}", "dist.integrity"], directory, env, null, cancellationToken).ConfigureAwait(false);
        var integrity = view.StdOut.Trim();
        if (view.ExitCode != 0 || integrity.Length == 0)
        {
            throw new RebuildException($"npm {name}@{version}: not found in the registry ({ProcessRunner.Tail(view.StdErr).Trim()})");
        }

        var pack = await ProcessRunner.RunAsync("npm", ["pack", $"{name}@{version}", "--pack-destination", directory, "--ignore-scripts", "--json"], directory, env, null, cancellationToken).ConfigureAwait(false);
        var files = Directory.GetFiles(directory, "*.tgz");
        if (pack.ExitCode != 0 || files.Length != 1)
        {
            throw new RebuildException($"npm pack {name}@{version}: {ProcessRunner.Tail(pack.StdErr).Trim()}");
        }

        if (integrity.StartsWith("sha512-", StringComparison.Ordinal))
        {
            var actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(files[0])));
            if (actual != integrity)
            {
                throw new RebuildException($"{files[0]}: its digest {actual} is not the registry's integrity {integrity}");
            }
        }

        return files[0];
    }
}
