using Verbatim.Worker.Executors.Noop;

namespace Verbatim.Worker.Executors;

/// <summary>
/// The one list of job executors, one per ecosystem. A worker leases only jobs of the ecosystems listed here.
/// The rebuild executor (Verbatim.Rebuild's <c>Rebuilder.RunAsync</c>, for debian/python/nuget/npm) plugs in here:
/// see docs/serve.md, "Executors".
/// </summary>
public sealed class ExecutorRegistry
{
    private readonly Dictionary<string, IJobExecutor> executors;

    public ExecutorRegistry(IEnumerable<IJobExecutor> executors)
    {
        this.executors = executors.ToDictionary(e => e.Ecosystem, StringComparer.Ordinal);
    }

    /// <summary>The executors this build of Verbatim has.</summary>
    public static ExecutorRegistry Default { get; } = new(
    [
        new NoopExecutor(),
    ]);

    public IReadOnlyList<string> Ecosystems => [.. executors.Keys.Order(StringComparer.Ordinal)];

    public IJobExecutor? Find(string ecosystem) => executors.GetValueOrDefault(ecosystem);
}
