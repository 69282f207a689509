namespace Verbatim.Common.Verdicts;

/// <summary>
/// The normalizations applied to one artifact before it compared equal (the ids <c>verbatim normalize</c> reports,
/// in the order applied), as recorded with an <see cref="Verdict.EquivalentAfterNormalization"/> verdict.
/// </summary>
public sealed record AppliedNormalization
{
    public AppliedNormalization(string artifact, IReadOnlyList<string> normalizationIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifact);
        ArgumentNullException.ThrowIfNull(normalizationIds);
        if (normalizationIds.Count == 0 || normalizationIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("at least one normalization id, none empty", nameof(normalizationIds));
        }

        Artifact = artifact;
        NormalizationIds = [.. normalizationIds];
    }

    /// <summary>The artifact's name (its path among the build's outputs).</summary>
    public string Artifact { get; }

    public IReadOnlyList<string> NormalizationIds { get; }

    public bool Equals(AppliedNormalization? other) =>
        other is not null && Artifact == other.Artifact && NormalizationIds.SequenceEqual(other.NormalizationIds, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Artifact, NormalizationIds.Count);
}
