namespace Verbatim.Service.Contracts;

/// <summary>A request to create a collection: a named set of packages of one ecosystem (<c>POST /api/v1/collections</c>).</summary>
public sealed record CollectionCreate(string Name, string Ecosystem, string? Description = null);

/// <summary>A collection in the list of collections, with its figures for the implicit section <c>all</c>.</summary>
public sealed record CollectionSummary(string Name, string Ecosystem, string? Description, SectionFigures All);

/// <summary>A collection with its figures per section (<c>GET /api/v1/collections/{name}</c>).</summary>
public sealed record CollectionDetail(string Name, string Ecosystem, string? Description, IReadOnlyList<SectionFigures> Sections, IReadOnlyList<HistoryPoint> History);

/// <summary>
/// How the packages of one section stand, counting each package once at its newest version: reproducible,
/// equivalent after normalization, not reproducible, failed (build failed, or the infrastructure gave up) and pending
/// (queued or being rebuilt). <see cref="Total"/> is their sum.
/// </summary>
public sealed record SectionFigures(string Section, long Total, long Reproducible, long Equivalent, long NotReproducible, long Failed, long Pending)
{
    /// <summary>The share of <paramref name="count"/> in the section, in percent (0 for an empty section).</summary>
    public double Percent(long count) => Total == 0 ? 0 : 100.0 * count / Total;
}

/// <summary>The figures of one section at one moment (the dashboard's history chart).</summary>
public sealed record HistoryPoint(DateTimeOffset At, SectionFigures Figures);

/// <summary>The figures of one section over time, oldest first (<c>GET /api/v1/collections/{name}/history?section=S</c>).</summary>
public sealed record SectionHistory(string Collection, string Section, IReadOnlyList<HistoryPoint> Points);

/// <summary>How many not-reproducible packages of a collection have each cause kind (the "why" summary).</summary>
public sealed record CauseCount(string Cause, long Packages);

/// <summary>The "why" summary of a collection (<c>GET /api/v1/collections/{name}/why</c>).</summary>
public sealed record WhySummary(string Collection, long NotReproducible, IReadOnlyList<CauseCount> Causes);
