using System.Globalization;
using System.Text;
using Verbatim.Rebuild.Ecosystems.Shared;
using Verbatim.Rebuild.Recipes;

namespace Verbatim.Rebuild.Ecosystems.Nuget;

/// <summary>
/// NuGet: a project source <c>DIR</c> (one <c>*.csproj</c>) and the published <c>.nupkg</c> (<c>--reference</c>).
/// The recipe runs <c>dotnet pack</c> deterministically and offline with the host SDK mounted read-only (as
/// examples/hello-nupkg does); the reference's assemblies reveal the compiler that built them where their embedded
/// PDB or compilation options name it.
/// </summary>
public sealed class NugetEcosystem : IEcosystem
{
    /// <summary>The host's .NET installation, mounted read-only into the sandbox.</summary>
    public const string DotnetRoot = "/usr/share/dotnet";

    public string Name => "nuget";

    public string SpecSyntax => "DIR";

    public string? Recognize(string spec) => spec.Length == 0 ? "an empty spec" : null;

    public Task<RebuildPlan> PlanAsync(RebuildRequest request, RebuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (path, sha256, isDirectory) = SourceInput.Pin(request.Spec);
        if (!isDirectory)
        {
            throw new RebuildException($"{request.Spec}: not a directory (nuget rebuilds a project source tree)");
        }

        var projects = Directory.GetFiles(path, "*.csproj");
        if (projects.Length != 1)
        {
            throw new RebuildException($"{request.Spec}: expected exactly one *.csproj, found {projects.Length.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.References.Count == 0 && !request.ForCheck)
        {
            throw new RebuildException($"{request.Spec}: give the published .nupkg with --reference");
        }

        var references = SourceInput.Given(request.References);
        var epoch = references.Select(r => ZipTimes.NewestEntry(r.Path)).FirstOrDefault() ?? 1700000000;
        var project = Path.GetFileName(projects[0]);
        var name = Path.GetFileNameWithoutExtension(project);
        var workspace = "/build/nuget-" + SafeName(name);
        var recipe = new InferredRecipe
        {
            Comment = $"Inferred by 'verbatim rebuild nuget {request.Spec}': dotnet pack, deterministic and offline, the host SDK mounted read-only.",
            Name = "nuget-" + SafeName(name),
            Version = "rebuild",
            Mounts = [DotnetRoot],
            SourceDateEpoch = epoch,
            Inputs = [("source", path, sha256, null)],
            Env = new Dictionary<string, string>
            {
                ["DOTNET_CLI_HOME"] = workspace + "/.dotnet",
                ["NUGET_PACKAGES"] = workspace + "/.nuget/packages",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
                ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            },
            Tools = ["dotnet"],
            TimeoutSeconds = 900,
            Steps = [("pack", $"dotnet pack {InferredRecipe.Sh(project)} -c Release -o dist --disable-build-servers -nodeReuse:false -p:UseSharedCompilation=false -p:Deterministic=true -p:ContinuousIntegrationBuild=true")],
            Outputs = ["dist/*.nupkg"],
        };
        return Task.FromResult(SingleArtifactPlan.Create(recipe, context, references, epoch, "the reference package's newest entry time"));
    }

    public IReadOnlyList<Revelation> Reveal(ReferenceArtifact reference, RebuildEnvironmentFacts rebuilt)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(rebuilt);
        var sdk = rebuilt.Tools.TryGetValue("dotnet", out var v) ? v : null;
        var ours = CompilerInfo.OfSdk(DotnetRoot, sdk);
        var assembly = ZipTimes.Bytes(reference.Path, n => n.StartsWith("lib/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal), 64L << 20);
        string? compiler = null;
        var evidence = "no assembly under lib/";
        if (assembly is not null)
        {
            // Roslyn writes its version into the compilation options of the portable PDB (embedded: deflated in the debug directory).
            compiler = CompilerInfo.FromAssembly(assembly);
            evidence = compiler is null
                ? "the assembly carries no compiler information (no embedded PDB with compilation options)"
                : "the assembly's embedded PDB compilation options";
        }

        evidence += ours is null
            ? $"; the rebuild's SDK {sdk ?? "(unknown)"} has no Roslyn/bincore/Microsoft.CodeAnalysis.dll under {DotnetRoot}"
            : $"; the rebuild's: SDK {sdk}'s Roslyn/bincore/Microsoft.CodeAnalysis.dll";
        return
        [
            new Revelation(reference.Name, "compiler", compiler is null ? null : "Roslyn " + compiler, ours is null ? null : "Roslyn " + ours, evidence),
        ];
    }

    /// <summary>The value after <c>compiler-version\0</c> in the bytes, when present (uncompressed compilation options).</summary>
    internal static string? CompilerVersion(byte[] bytes)
    {
        var key = Encoding.ASCII.GetBytes("compiler-version\0");
        var at = bytes.AsSpan().IndexOf(key);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length;
        var end = bytes.AsSpan(start).IndexOf((byte)0);
        return end <= 0 ? null : Encoding.ASCII.GetString(bytes, start, Math.Min(end, 100));
    }

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-'));
}
