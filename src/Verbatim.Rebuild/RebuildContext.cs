using Verbatim.Build;

namespace Verbatim.Rebuild;

/// <summary>What an ecosystem adapter works with during one rebuild: the options and a scratch directory of its own (removed afterwards).</summary>
public sealed class RebuildContext(RebuildOptions options, string scratch, HttpClient http)
{
    public RebuildOptions Options { get; } = options;

    /// <summary>A fresh directory for this rebuild (fetched sources, the inferred recipe); removed when it ends.</summary>
    public string Scratch { get; } = scratch;

    public HttpClient Http { get; } = http;

    public void Report(string message) => Options.Progress?.Invoke(new BuildEvent(BuildEventKind.Notice, message));
}
