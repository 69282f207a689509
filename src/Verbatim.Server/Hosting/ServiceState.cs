using Verbatim.Server.Storage;

namespace Verbatim.Server.Hosting;

/// <summary>What every endpoint works with: the store, the options and the clock.</summary>
public sealed class ServiceState(IServiceStore store, ServerOptions options, TimeProvider clock)
{
    public IServiceStore Store { get; } = store;

    public ServerOptions Options { get; } = options;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Now, in Unix milliseconds.</summary>
    public long Now() => Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
