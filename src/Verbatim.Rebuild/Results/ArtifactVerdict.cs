using Verbatim.Common.Verdicts;

namespace Verbatim.Rebuild.Results;

/// <summary>How one published artifact compared with its rebuild.</summary>
/// <param name="Name">The reference's name (or the rebuilt output's, when no reference pairs with it).</param>
/// <param name="Verdict">Reproducible, equivalent after normalization, not reproducible (or build failed).</param>
/// <param name="ReferenceSha256">The published artifact's digest; null when nothing was published under this name.</param>
/// <param name="RebuiltSha256">The rebuilt artifact's digest; null when the rebuild made nothing for this reference.</param>
public sealed record ArtifactVerdict(string Name, Verdict Verdict, string? ReferenceSha256, string? RebuiltSha256)
{
    /// <summary>For <see cref="Verdict.EquivalentAfterNormalization"/>: the normalization ids applied (to either side) before they compared equal.</summary>
    public IReadOnlyList<string> NormalizationIds { get; init; } = [];

    /// <summary>For <see cref="Verdict.NotReproducible"/>: the members (paths inside the artifacts) that differ, first ones first.</summary>
    public IReadOnlyList<string> DifferingMembers { get; init; } = [];

    /// <summary>The likely causes the diff engine named (cause ids with counts, e.g. <c>timestamp ×3</c>).</summary>
    public IReadOnlyList<string> Causes { get; init; } = [];

    /// <summary>The diff report (schema <c>verbatim-diff/1</c>, canonical JSON) of the originals, when they differ.</summary>
    public string? DiffReport { get; init; }

    /// <summary>The difference tree of the originals (reference first), when they differ; not part of the JSON beyond <see cref="DiffReport"/>.</summary>
    public Verbatim.Core.Model.Difference? Tree { get; init; }

    /// <summary>A remark, e.g. that no reference was published for this output.</summary>
    public string? Note { get; init; }

    /// <summary>Where the rebuilt artifact was written.</summary>
    public string? RebuiltPath { get; init; }

    /// <summary>Where the reference is.</summary>
    public string? ReferencePath { get; init; }
}
