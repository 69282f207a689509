namespace Verbatim.Service.Contracts;

/// <summary>
/// One package version to add to a collection. <see cref="Sections"/> names the sections it belongs to besides
/// <c>all</c>; <see cref="Spec"/> is an ecosystem-specific job spec (JSON text) handed to the worker's executor.
/// </summary>
public sealed record PackageAdd(string Name, string Version, IReadOnlyList<string>? Sections = null, string? Spec = null);

/// <summary><c>POST /api/v1/collections/{name}/packages</c>: package versions to add; each new version queues a job.
/// With <see cref="Requeue"/>, a version already known is queued again (its results keep their history).</summary>
public sealed record PackagesAdd(IReadOnlyList<PackageAdd> Packages, bool Requeue = false);

/// <summary>What adding packages did: versions added, jobs queued, versions already known.</summary>
public sealed record PackagesAdded(long Added, long Queued, long Known);

/// <summary>One row of a collection's package list: the package at its newest version and where it stands.</summary>
public sealed record PackageRow(string Name, string Version, string Status, DateTimeOffset? UpdatedAt);

/// <summary>A page of a collection's package list (<c>GET /api/v1/collections/{name}/packages?q=&amp;status=&amp;page=</c>).</summary>
public sealed record PackagePage(string Collection, string? Query, string? Status, int Page, int PageSize, long Total, IReadOnlyList<PackageRow> Packages);

/// <summary>Everything known about a package of an ecosystem, across collections (<c>GET /api/v1/packages/{ecosystem}/{name}</c>).</summary>
public sealed record PackageDetail(string Ecosystem, string Name, IReadOnlyList<PackageVersionDetail> Versions);

/// <summary>One version of a package in one collection, with its jobs' results, newest first.</summary>
public sealed record PackageVersionDetail(string Collection, string Version, string Status, IReadOnlyList<ResultView> Results);

/// <summary>
/// One recorded result: its verdict, both digests, the causes and normalizations, which worker (and key) signed it,
/// and links to its attestation, build record and diff report.
/// </summary>
public sealed record ResultView(
    long Id,
    long JobId,
    string Verdict,
    string? ReferenceDigest,
    string? RebuiltDigest,
    IReadOnlyList<string> Causes,
    IReadOnlyList<string> Normalizations,
    string? Detail,
    string Worker,
    string KeyId,
    DateTimeOffset RecordedAt,
    string AttestationUrl,
    string? BuildRecordUrl,
    string? DiffUrl);

/// <summary>The statuses a package can have in figures and lists.</summary>
public static class PackageStatus
{
    public const string Reproducible = "reproducible";
    public const string Equivalent = "equivalent-after-normalization";
    public const string NotReproducible = "not-reproducible";
    public const string Failed = "failed";
    public const string Pending = "pending";

    public static readonly IReadOnlyList<string> All = [Reproducible, Equivalent, NotReproducible, Failed, Pending];
}
