using Verbatim.Build;
using Verbatim.Build.Cache;
using Verbatim.Provenance;

namespace Verbatim.Rebuild;

/// <summary>Where a rebuild keeps and writes things, and what it may use; the caller (CLI, service worker) decides all of it.</summary>
public sealed record RebuildOptions
{
    /// <summary>The content-addressed cache of inputs and environments.</summary>
    public required ContentStore Store { get; init; }

    /// <summary>Where the rebuilt artifacts (<c>rebuilt/</c>), fetched references (<c>reference/</c>), <c>buildinfo.json</c>, the inferred <c>recipe.yaml</c> and the attestations go.</summary>
    public required string OutDir { get; init; }

    /// <summary>Where scratch directories (workspaces, fetched sources, normalized copies) are made; each is removed when done.</summary>
    public string ScratchRoot { get; init; } = "/tmp";

    /// <summary>Fetches url inputs; null uses a client of the rebuild's own.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Signs the attestations (one verification summary and one rebuild statement per reference); null signs nothing. The caller owns the key.</summary>
    public SigningKey? SigningKey { get; init; }

    /// <summary>Receives progress (fetching, each step and its output, comparing).</summary>
    public Action<BuildEvent>? Progress { get; init; }

    /// <summary>The Debian suite environments are created from (and whose indexes are searched).</summary>
    public string DebianSuite { get; init; } = "bookworm";

    /// <summary>The host's apt configuration directory the Debian adapter reads sources from (and adds <c>deb-src</c> entries to in its own copy).</summary>
    public string AptSourcesDirectory { get; init; } = "/etc/apt/sources.list.d";
}
