using Verbatim.Service.Contracts;

namespace Verbatim.Worker.Executors;

/// <summary>
/// Runs the jobs of one ecosystem: rebuilds the package a lease names and says what it found. A build that fails is
/// a verdict (<c>build-failed</c>), returned like any other; a failure of the machine (a mirror that does not answer,
/// a full disk) is an <see cref="InfrastructureException"/>, which the server retries with back-off.
/// </summary>
public interface IJobExecutor
{
    /// <summary>The ecosystem whose jobs this executor runs (the collections' <c>ecosystem</c>).</summary>
    string Ecosystem { get; }

    Task<JobOutcome> ExecuteAsync(JobLease job, JobContext context, CancellationToken cancel);
}

/// <summary>What an executor is given besides the job: a scratch directory of its own, made on first use and removed afterwards.</summary>
public sealed class JobContext(string path)
{
    /// <summary>Where the scratch directory is (it may not exist yet).</summary>
    public string Path { get; } = path;

    /// <summary>The scratch directory, made now if it does not exist.</summary>
    public string ScratchDirectory => Directory.CreateDirectory(Path).FullName;
}

/// <summary>
/// What a job found: the verdict name (<c>reproducible</c>, <c>equivalent-after-normalization</c>,
/// <c>not-reproducible</c>, <c>build-failed</c>), both digests, the cause ids (Verbatim.Core's <c>CauseKinds.Id</c>),
/// the normalization ids applied, a one-line detail, and optionally the build record (JSON) and the HTML diff report.
/// </summary>
public sealed record JobOutcome(
    string Verdict,
    string? ReferenceDigest,
    string? RebuiltDigest,
    IReadOnlyList<string> Causes,
    IReadOnlyList<string> Normalizations,
    string? Detail,
    string? BuildRecord = null,
    string? DiffHtml = null);

/// <summary>The job could not be run for the infrastructure's sake; the server queues it again (up to its limit).</summary>
public sealed class InfrastructureException(string message, Exception? inner = null) : Exception(message, inner);
