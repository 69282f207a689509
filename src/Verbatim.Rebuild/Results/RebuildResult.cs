using Verbatim.Common.Records;
using Verbatim.Common.Verdicts;

namespace Verbatim.Rebuild.Results;

/// <summary>
/// What <see cref="Rebuilder.RunAsync"/> found: the overall verdict (the worst of the artifacts'), each artifact's,
/// the inferred recipe, the environment, what the references reveal, and the signed attestations. Its JSON form
/// (<see cref="RebuildResultJson"/>, schema <c>verbatim-rebuild/1</c>) is byte-stable for the same inputs.
/// </summary>
public sealed record RebuildResult
{
    public required string Ecosystem { get; init; }

    public required string Spec { get; init; }

    public required Verdict Verdict { get; init; }

    public required IReadOnlyList<ArtifactVerdict> Artifacts { get; init; }

    /// <summary>Rebuilt outputs no reference was published or given for (e.g. a -dbgsym package): not compared, no verdict.</summary>
    public IReadOnlyList<string> Unpaired { get; init; } = [];

    /// <summary>The inferred recipe (YAML text) and its SHA-256.</summary>
    public required string Recipe { get; init; }

    public required string RecipeSha256 { get; init; }

    /// <summary>The root file system's digest, null for the host.</summary>
    public string? EnvironmentDigest { get; init; }

    public IReadOnlyList<InstalledPackage> Packages { get; init; } = [];

    /// <summary>Tool versions seen in the sandbox.</summary>
    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>();

    public required string BuildPath { get; init; }

    /// <summary>The clock the steps read (<c>real</c>, or <c>from 2022-12-26T15:30:00Z</c> with --match-build-time).</summary>
    public required string BuildClock { get; init; }

    public long SourceDateEpoch { get; init; }

    public IReadOnlyList<Revelation> Revelations { get; init; } = [];

    /// <summary>Environment versions that could not be matched (from a .buildinfo), one line each.</summary>
    public IReadOnlyList<string> EnvironmentDifferences { get; init; } = [];

    /// <summary>For <see cref="Verdict.BuildFailed"/>: why (one line), the log's last lines, and where the full log is.</summary>
    public string? BuildFailure { get; init; }

    public string? LogTail { get; init; }

    public string? LogPath { get; init; }

    /// <summary>The signed attestations (DSSE envelopes, canonical JSON bytes) and the file names they were written to.</summary>
    public IReadOnlyList<RebuildAttestation> Attestations { get; init; } = [];

    /// <summary>A one-line summary saying which verdict, e.g. <c>equivalent after normalization (zip-timestamps): 1 of 1 artifacts</c>.</summary>
    public string Summary => RebuildSummary.Line(this);
}

/// <summary>One signed statement about one reference artifact.</summary>
/// <param name="Kind"><c>verification-summary</c> (SLSA VSA v1) or <c>rebuild</c> (Verbatim's predicate).</param>
/// <param name="FileName">Its file name in the output directory.</param>
public sealed record RebuildAttestation(string Kind, string Artifact, string FileName, byte[] Envelope);
