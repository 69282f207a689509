using Verbatim.Server.Storage;

namespace Verbatim.Server.Hosting;

/// <summary>How the server listens, leases, limits and keeps history.</summary>
public sealed record ServerOptions
{
    /// <summary>Where Kestrel listens (port 0: any free port; <see cref="ServiceHost.Urls"/> says which).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    public LeasePolicy Leases { get; init; } = LeasePolicy.Default;

    /// <summary>The largest request body accepted (a result with its diff report and build record), in bytes.</summary>
    public long MaxRequestBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Writes per second allowed to one token (or one address without a token), with bursts of twice that.</summary>
    public int WritesPerSecond { get; init; } = 2000;

    /// <summary>How often the figures of every section are recorded for the history charts.</summary>
    public TimeSpan HistoryEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most jobs one lease request may take.</summary>
    public int MaxLeaseBatch { get; init; } = 256;

    /// <summary>The most results one batched upload (<c>POST /api/v1/jobs/results</c>) may carry.</summary>
    public int MaxResultBatch { get; init; } = 256;
}
