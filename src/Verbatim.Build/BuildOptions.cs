using Verbatim.Build.Cache;
using Verbatim.Common.Identity;
using Verbatim.Provenance;

namespace Verbatim.Build;

/// <summary>
/// What a build may use and where it writes. The recipe says what gets built; of these only <see cref="Identity"/>
/// changes what the steps see (and a reproducible build's outputs do not depend on it).
/// </summary>
public sealed record BuildOptions
{
    public required string OutDir { get; init; }

    /// <summary>The content-addressed cache inputs and environments come from (the caller chooses where it is).</summary>
    public required ContentStore Store { get; init; }

    /// <summary>Signs <c>provenance.dsse.json</c>; null writes no provenance (<see cref="ProvenanceOutcome.NotSigned"/>). The caller owns the key.</summary>
    public SigningKey? Signer { get; init; }

    /// <summary>Who and where the steps believe they run.</summary>
    public BuildIdentity Identity { get; init; } = BuildIdentity.Default;

    /// <summary>Where the build's scratch directory (workspace and identity files) is made; removed when the build ends.</summary>
    public string ScratchRoot { get; init; } = "/tmp";

    /// <summary>Fetches url inputs; null uses a client of the build's own.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Receives progress events and the steps' output.</summary>
    public Action<BuildEvent>? Progress { get; init; }
}
