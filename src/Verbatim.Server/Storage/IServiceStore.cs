using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

/// <summary>
/// Everything the service keeps, behind one interface with two implementations: SQLite (one machine) and PostgreSQL
/// (a fleet of servers and workers sharing one database). All scheduling state is here, none in a server's memory.
/// Times are Unix milliseconds, passed in by the caller (the server's clock).
/// </summary>
public interface IServiceStore : IAsyncDisposable
{
    /// <summary>What the database is, for messages: <c>sqlite:PATH</c> or <c>postgres://HOST/DB</c> (no password).</summary>
    string Describe { get; }

    /// <summary>Creates or upgrades the schema (idempotent; safe with several servers starting at once).</summary>
    Task MigrateAsync(CancellationToken cancel);

    Task<TokenRecord> CreateTokenAsync(string name, string scope, string tokenHash, string? publicKeyPem, string? keyId, bool replace, long now, CancellationToken cancel);

    Task<TokenRecord?> FindTokenAsync(string tokenHash, CancellationToken cancel);

    /// <summary>Sets the worker's key when it has none; false when another key is registered.</summary>
    Task<bool> RegisterKeyAsync(string worker, string publicKeyPem, string keyId, CancellationToken cancel);

    /// <summary>The new collection, or null when one of that name exists.</summary>
    Task<CollectionRecord?> CreateCollectionAsync(CollectionCreate create, long now, CancellationToken cancel);

    Task<CollectionRecord?> FindCollectionAsync(string name, CancellationToken cancel);

    Task<IReadOnlyList<CollectionRecord>> CollectionsAsync(CancellationToken cancel);

    /// <summary>The figures of <c>all</c> and of every section of the collection.</summary>
    Task<IReadOnlyList<SectionFigures>> FiguresAsync(long collectionId, CancellationToken cancel);

    Task<IReadOnlyList<HistoryPoint>> HistoryAsync(long collectionId, string section, int limit, CancellationToken cancel);

    /// <summary>Records the figures of every collection's sections where they changed since the last snapshot.</summary>
    Task SnapshotAsync(long now, CancellationToken cancel);

    Task<IReadOnlyList<CauseCount>> CausesAsync(long collectionId, CancellationToken cancel);

    Task<PackagesAdded> AddPackagesAsync(CollectionRecord collection, PackagesAdd add, long now, CancellationToken cancel);

    Task<(long Total, IReadOnlyList<PackageRow> Rows)> PackagesAsync(long collectionId, string? query, string? status, int offset, int limit, CancellationToken cancel);

    /// <summary>Every version of the package in collections of that ecosystem, newest first, with their results.</summary>
    Task<IReadOnlyList<PackageVersionDetail>> PackageAsync(string ecosystem, string name, CancellationToken cancel);

    /// <summary>Returns expired leases to the queue (or fails the jobs that used up their attempts), then leases up to <paramref name="max"/> queued jobs.</summary>
    Task<IReadOnlyList<JobLease>> LeaseAsync(string worker, int max, IReadOnlyList<string> ecosystems, long now, LeasePolicy policy, CancellationToken cancel);

    /// <summary>The new expiry, or null when the worker does not hold that lease (any more).</summary>
    Task<long?> RenewAsync(long jobId, string leaseId, string worker, long now, LeasePolicy policy, CancellationToken cancel);

    /// <summary>Records a result for a job whose lease the worker holds; the job is done and cannot be recorded twice.</summary>
    Task<RecordOutcome> RecordResultAsync(long jobId, string worker, string keyId, ResultUpload upload, long now, CancellationToken cancel);

    /// <summary>Records many results of one worker in one transaction, each as <see cref="RecordResultAsync"/> would (in the order given).</summary>
    Task<IReadOnlyList<RecordOutcome>> RecordResultsAsync(string worker, string keyId, IReadOnlyList<(long JobId, ResultUpload Upload)> results, long now, CancellationToken cancel);

    /// <summary>An infrastructure failure: queued again with back-off, or failed for good after the last attempt. Null when the lease is not held.</summary>
    Task<JobFailed?> FailAsync(long jobId, string leaseId, string worker, string reason, long now, LeasePolicy policy, CancellationToken cancel);

    Task<JobView?> JobAsync(long jobId, CancellationToken cancel);

    /// <summary>A stored result's attestation, build record and diff report.</summary>
    Task<StoredDocuments?> DocumentsAsync(long resultId, CancellationToken cancel);
}

/// <summary>How leases and retries behave: the lease's duration, the renewal interval told to workers, the attempts and back-off.</summary>
public sealed record LeasePolicy(TimeSpan LeaseDuration, TimeSpan RenewEvery, int MaxAttempts, TimeSpan BackoffBase)
{
    public static readonly LeasePolicy Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20), 3, TimeSpan.FromSeconds(30));

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the base doubled for each attempt made, at most an hour.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)), TimeSpan.FromHours(1).TotalMilliseconds));
}

public sealed record TokenRecord(long Id, string Name, string Scope, string? PublicKeyPem, string? KeyId);

public sealed record CollectionRecord(long Id, string Name, string Ecosystem, string? Description);

public sealed record StoredDocuments(long ResultId, string Package, string Version, string Attestation, string? BuildRecord, string? DiffHtml);

/// <summary>What recording a result did.</summary>
public enum RecordStatus
{
    Recorded,
    NoSuchJob,
    LeaseNotHeld,
}

public sealed record RecordOutcome(RecordStatus Status, long ResultId);
