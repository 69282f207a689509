using System.Globalization;
using System.Text.RegularExpressions;
using Verbatim.Rebuild.Ecosystems.Shared;
using Verbatim.Rebuild.Recipes;

namespace Verbatim.Rebuild.Ecosystems.Python;

/// <summary>
/// Python: an sdist (<c>.tar.gz</c>) or a source <c>DIR</c>, and the published wheel (<c>--reference</c>: this machine
/// has no PyPI). The recipe builds the wheel offline with Debian's python3-build (<c>--no-isolation</c>) and the backend
/// <c>pyproject.toml</c> declares, at SOURCE_DATE_EPOCH = the reference's entry times; the reference's <c>WHEEL</c>
/// file reveals the backend version it was built with.
/// </summary>
public sealed partial class PythonEcosystem : IEcosystem
{
    public string Name => "python";

    public string SpecSyntax => "SDIST|DIR";

    public string? Recognize(string spec) =>
        spec.Length == 0 ? "an empty spec" : spec.EndsWith(".whl", StringComparison.Ordinal) ? "a wheel is what gets compared: give the sdist or source directory, and the wheel with --reference" : null;

    public Task<RebuildPlan> PlanAsync(RebuildRequest request, RebuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (path, sha256, isDirectory) = SourceInput.Pin(request.Spec);
        if (!isDirectory && !path.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            throw new RebuildException($"{request.Spec}: not an sdist (.tar.gz) or a directory");
        }

        if (request.References.Count == 0 && !request.ForCheck)
        {
            throw new RebuildException($"{request.Spec}: give the published wheel with --reference (no Python package index is reachable from here)");
        }

        var references = SourceInput.Given(request.References);
        var pyproject = isDirectory ? ReadIfExists(Path.Combine(path, "pyproject.toml")) : PyProject.FromSdist(path);
        var epoch = references.Select(r => ZipTimes.NewestEntry(r.Path)).FirstOrDefault() ?? 315532800;
        var name = SafeName().Replace(Path.GetFileName(path.EndsWith(".tar.gz", StringComparison.Ordinal) ? path[..^7] : path), "-").Trim('-', '.');
        var recipe = new InferredRecipe
        {
            Comment = $"Inferred by 'verbatim rebuild python {request.Spec}': a wheel built offline with Debian's python3-build,\n" +
                $"backend {PyProject.Backend(pyproject)}; SOURCE_DATE_EPOCH is the reference wheel's entry time.",
            Name = name.Length == 0 ? "python-project" : name,
            Version = "rebuild",
            SourceDateEpoch = epoch,
            Inputs = [isDirectory ? ("source", path, sha256, "src") : ("source", path, sha256, "source.tar.gz")],
            Env = new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PIP_NO_INDEX"] = "1" },
            Tools = ["python3"],
            TimeoutSeconds = 600,
            Steps = isDirectory
                ? [("wheel", "cd src && /usr/bin/python3 -m build --no-isolation --skip-dependency-check --wheel --outdir ../dist .")]
                : [("unpack", "mkdir -p src && tar -xzf source.tar.gz -C src --strip-components=1 --no-same-owner"), ("wheel", "cd src && /usr/bin/python3 -m build --no-isolation --skip-dependency-check --wheel --outdir ../dist .")],
            Outputs = ["dist/*.whl"],
        };
        return Task.FromResult(SingleArtifactPlan.Create(recipe, context, references, epoch, "the reference wheel's newest entry time"));
    }

    public IReadOnlyList<Revelation> Reveal(ReferenceArtifact reference, RebuildEnvironmentFacts rebuilt)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(rebuilt);
        var wheel = ZipTimes.Member(reference.Path, n => n.EndsWith(".dist-info/WHEEL", StringComparison.Ordinal));
        var found = new List<Revelation>();
        if (wheel is not { } w)
        {
            found.Add(new Revelation(reference.Name, "backend", null, null, "no .dist-info/WHEEL file (not a wheel?)"));
        }
        else
        {
            var generator = w.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Generator:", StringComparison.Ordinal))?[10..].Trim();
            var match = generator is null ? null : Generator().Match(generator);
            var backend = match is { Success: true } ? match.Groups["name"].Value : null;
            var version = match is { Success: true } ? match.Groups["version"].Value : null;
            var package = backend switch
            {
                "hatchling" => "python3-hatchling",
                "bdist_wheel" => "python3-wheel",
                "setuptools" => "python3-setuptools",
                "flit" or "flit_core" => "python3-flit",
                "poetry-core" or "poetry" => "python3-poetry-core",
                _ => null,
            };
            var ours = package is not null && rebuilt.Packages.TryGetValue(package, out var v) ? $"{backend} {UpstreamVersion(v)}" : null;
            found.Add(new Revelation(reference.Name, "backend", backend is null ? generator : $"{backend} {version}", ours,
                $"{w.Name}: Generator: {generator}; the rebuild's from Debian's {package ?? "(unknown package)"}"));
        }

        var time = ZipTimes.NewestEntry(reference.Path);
        found.Add(new Revelation(reference.Name, "build-date", time is { } t ? Date(t) : null, Date(rebuilt.SourceDateEpoch), "the newest zip entry time"));
        return found;
    }

    /// <summary>A Debian version's upstream part: <c>1.12.2-1</c> → <c>1.12.2</c>.</summary>
    private static string UpstreamVersion(string debian)
    {
        var noEpoch = debian.Contains(':', StringComparison.Ordinal) ? debian[(debian.IndexOf(':', StringComparison.Ordinal) + 1)..] : debian;
        var dash = noEpoch.LastIndexOf('-');
        return dash > 0 ? noEpoch[..dash] : noEpoch;
    }

    private static string Date(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    [GeneratedRegex("^(?<name>[A-Za-z0-9_.-]+)\\s*\\(?(?<version>[0-9][0-9A-Za-z.+-]*)\\)?")]
    private static partial Regex Generator();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex SafeName();
}
