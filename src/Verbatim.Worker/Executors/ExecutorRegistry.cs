using Verbatim.Build.Cache;
using Verbatim.Rebuild;
using Verbatim.Worker.Executors.Noop;
using Verbatim.Worker.Executors.Rebuild;

namespace Verbatim.Worker.Executors;

/// <summary>
/// The one list of job executors, one per ecosystem. A worker leases only jobs of the ecosystems listed here.
/// Besides the load-test ecosystem <c>noop</c>, every ecosystem of <c>verbatim rebuild</c> (Verbatim.Rebuild's
/// <see cref="EcosystemRegistry"/>) runs through <see cref="RebuildExecutor"/>.
/// </summary>
public sealed class ExecutorRegistry
{
    private readonly Dictionary<string, IJobExecutor> executors;

    public ExecutorRegistry(IEnumerable<IJobExecutor> executors)
    {
        this.executors = executors.ToDictionary(e => e.Ecosystem, StringComparer.Ordinal);
    }

    /// <summary>The executors this build of Verbatim has: <c>noop</c> and one rebuild executor per ecosystem, building through <paramref name="store"/>.</summary>
    public static ExecutorRegistry Create(ContentStore store) => new(
    [
        new NoopExecutor(),
        .. EcosystemRegistry.All.Select(e => new RebuildExecutor(e.Name, store)),
    ]);

    public IReadOnlyList<string> Ecosystems => [.. executors.Keys.Order(StringComparer.Ordinal)];

    public IJobExecutor? Find(string ecosystem) => executors.GetValueOrDefault(ecosystem);
}
