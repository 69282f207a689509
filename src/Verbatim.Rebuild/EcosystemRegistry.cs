using Verbatim.Rebuild.Ecosystems.Debian;
using Verbatim.Rebuild.Ecosystems.Npm;
using Verbatim.Rebuild.Ecosystems.Nuget;
using Verbatim.Rebuild.Ecosystems.Python;

namespace Verbatim.Rebuild;

/// <summary>The ecosystems <c>verbatim rebuild</c> knows, one line each.</summary>
public static class EcosystemRegistry
{
    public static IReadOnlyList<IEcosystem> All { get; } =
    [
        new DebianEcosystem(),
        new PythonEcosystem(),
        new NugetEcosystem(),
        new NpmEcosystem(),
    ];

    public static IEcosystem? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    public static string Names => string.Join(", ", All.Select(e => e.Name));
}
