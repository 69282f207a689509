namespace Verbatim.Service.Contracts;

/// <summary><c>POST /api/v1/jobs/lease</c>: a worker asks for up to <see cref="Max"/> jobs of the ecosystems it can run.</summary>
public sealed record LeaseRequest(int Max, IReadOnlyList<string> Ecosystems);

/// <summary>The jobs leased (possibly none) and how often to renew their leases.</summary>
public sealed record LeaseResponse(IReadOnlyList<JobLease> Jobs, int RenewEverySeconds);

/// <summary>
/// One leased job: the package to rebuild and the lease that entitles the worker to report its result until
/// <see cref="ExpiresAt"/> (renewed by <c>POST /api/v1/jobs/{id}/renew</c>). <see cref="Attempt"/> counts from 1.
/// </summary>
public sealed record JobLease(long JobId, string LeaseId, string Collection, string Ecosystem, string Package, string Version, string? Spec, int Attempt, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/v1/jobs/{id}/renew</c>.</summary>
public sealed record LeaseRenew(string LeaseId);

/// <summary>The lease's new expiry.</summary>
public sealed record LeaseRenewed(long JobId, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/v1/jobs/{id}/result</c>: the verdict of a job, signed. <see cref="Attestation"/> is a DSSE envelope
/// (JSON text) over an in-toto statement with the predicate <see cref="ResultPredicate.Type"/>, signed by the
/// worker's registered key; the server checks that it says what the other fields say.
/// </summary>
public sealed record ResultUpload(
    string LeaseId,
    string Verdict,
    string? ReferenceDigest,
    string? RebuiltDigest,
    IReadOnlyList<string> Causes,
    IReadOnlyList<string> Normalizations,
    string? Detail,
    string Attestation,
    string? BuildRecord = null,
    string? DiffHtml = null);

/// <summary>The result recorded.</summary>
public sealed record ResultRecorded(long ResultId, long JobId);

/// <summary>
/// <c>POST /api/v1/jobs/results</c>: many results in one request (at most the server's batch limit), each as
/// <c>POST /api/v1/jobs/{id}/result</c> would take it, each signed on its own; each is accepted or refused on its own.
/// </summary>
public sealed record ResultBatch(IReadOnlyList<JobResult> Results);

/// <summary>One result of a batch: the job and its upload.</summary>
public sealed record JobResult(long JobId, ResultUpload Result);

/// <summary>What became of each result of a batch, in the batch's order.</summary>
public sealed record ResultBatchOutcome(IReadOnlyList<JobResultOutcome> Results);

/// <summary>
/// One result's outcome: <see cref="Status"/> is what the single-result endpoint would have answered (201 recorded,
/// 400 bad verdict, 404 no such job, 409 lease not held, 422 attestation refused), with the result's id or the error.
/// </summary>
public sealed record JobResultOutcome(long JobId, int Status, long? ResultId = null, string? Error = null);

/// <summary>
/// <c>POST /api/v1/jobs/{id}/fail</c>: the job could not be run for the infrastructure's sake (not a build failure,
/// which is a verdict). It is retried with back-off up to the server's limit, then failed with this reason.
/// </summary>
public sealed record JobFailure(string LeaseId, string Reason);

/// <summary>What became of a failed job: queued again (and when) or failed for good.</summary>
public sealed record JobFailed(long JobId, string State, DateTimeOffset? RetryAt);

/// <summary>A job as the API shows it (<c>GET /api/v1/jobs/{id}</c>).</summary>
public sealed record JobView(long JobId, string Collection, string Package, string Version, string State, int Attempts, string? LastError, DateTimeOffset? LeaseExpiresAt);

/// <summary>The states of a job.</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Leased = "leased";
    public const string Done = "done";
    public const string Failed = "failed";
}
