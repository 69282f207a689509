using System.Net;
using Verbatim.Provenance;
using Verbatim.Service.Contracts;
using Verbatim.Worker.Executors;

namespace Verbatim.Worker;

/// <summary>
/// A worker: registers its public key, then leases jobs of the ecosystems it has executors for (as many as it has
/// free slots), renews each lease while the job runs, signs every verdict (whatever it is) with its key and uploads
/// it (in batches: results that finish together share one request). A server that cannot be reached is retried with back-off (a restarted server loses nothing: the leases are in
/// its database); a lease the server says is no longer held is dropped, its result with it.
/// </summary>
public sealed class JobWorker
{
    private readonly VerbatimClient client;
    private readonly SigningKey key;
    private readonly ExecutorRegistry executors;
    private readonly WorkerOptions options;
    private readonly Action<WorkerEvent>? progress;
    private readonly ResultUploader uploader;

    public JobWorker(VerbatimClient client, SigningKey key, ExecutorRegistry executors, WorkerOptions options, Action<WorkerEvent>? progress = null)
    {
        this.client = client;
        this.key = key;
        this.executors = executors;
        this.options = options;
        this.progress = progress;
        uploader = new ResultUploader(client, RetryAsync<ResultBatchOutcome>);
    }

    public async Task RunAsync(CancellationToken cancel)
    {
        await RetryAsync(() => client.RegisterAsync(new WorkerRegister(key.ExportPublicPem()), cancel), cancel).ConfigureAwait(false);
        using var stopUploads = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var uploads = Task.Run(() => uploader.RunAsync(stopUploads.Token), CancellationToken.None);
        var running = new HashSet<Task>();
        var idle = options.IdleWait;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                running.RemoveWhere(t => t.IsCompleted);
                // Lease in batches: wait until a quarter of the slots are free (or none is busy), one request for several jobs.
                var free = options.Concurrency - running.Count;
                if (free <= 0 || (running.Count > 0 && free < Math.Max(1, options.Concurrency / 4)))
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    continue;
                }

                LeaseResponse leased;
                try
                {
                    leased = await client.LeaseAsync(new LeaseRequest(free, executors.Ecosystems), cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (Transient(e, cancel))
                {
                    progress?.Invoke(new WorkerEvent(WorkerEvent.Unreachable, 0, e.Message));
                    await WaitAsync(options.RetryWait, running, cancel).ConfigureAwait(false);
                    continue;
                }

                if (leased.Jobs.Count == 0)
                {
                    await WaitAsync(idle, running, cancel).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.MaxIdleWait.Ticks));
                    continue;
                }

                idle = options.IdleWait;
                foreach (var job in leased.Jobs)
                {
                    running.Add(Task.Run(() => RunJobAsync(job, TimeSpan.FromSeconds(leased.RenewEverySeconds), cancel), CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping: the jobs in progress are abandoned; their leases expire and other workers take them.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        await stopUploads.CancelAsync().ConfigureAwait(false);
        await uploads.ConfigureAwait(false);
    }

    private async Task RunJobAsync(JobLease job, TimeSpan renewEvery, CancellationToken cancel)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var renewal = RenewAsync(job, renewEvery, lost, renewing.Token);
        var scratch = new JobContext(Path.Combine(options.ScratchRoot, "verbatim-job-" + Guid.NewGuid().ToString("N")));
        try
        {
            progress?.Invoke(new WorkerEvent(WorkerEvent.Started, job.JobId, $"{job.Ecosystem} {job.Package}={job.Version} (attempt {job.Attempt})"));
            JobOutcome outcome;
            try
            {
                var executor = executors.Find(job.Ecosystem) ?? throw new InfrastructureException($"this worker has no executor for ecosystem '{job.Ecosystem}'");
                outcome = await executor.ExecuteAsync(job, scratch, lost.Token).ConfigureAwait(false);
            }
            catch (InfrastructureException e)
            {
                await ReportFailureAsync(job, e.Message, cancel).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await ReportFailureAsync(job, $"the executor failed: {e.GetType().Name}: {e.Message}", cancel).ConfigureAwait(false);
                return;
            }

            var upload = new ResultUpload(job.LeaseId, outcome.Verdict, outcome.ReferenceDigest, outcome.RebuiltDigest, outcome.Causes, outcome.Normalizations,
                outcome.Detail, "", outcome.BuildRecord, outcome.DiffHtml);
            upload = upload with { Attestation = ResultStatement.Sign(job, upload, key) };
            var answer = await uploader.SubmitAsync(job.JobId, upload, cancel).ConfigureAwait(false);
            progress?.Invoke(answer.Status switch
            {
                (int)HttpStatusCode.Created => new WorkerEvent(WorkerEvent.Finished, job.JobId, $"{job.Package}={job.Version}: {outcome.Verdict}"),
                (int)HttpStatusCode.Conflict => new WorkerEvent(WorkerEvent.LeaseLost, job.JobId, answer.Error ?? "the lease is not held"),
                _ => new WorkerEvent(WorkerEvent.Failed, job.JobId, $"{answer.Status} {answer.Error}"),
            });
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            progress?.Invoke(new WorkerEvent(WorkerEvent.LeaseLost, job.JobId, "the lease was lost while the job ran; it was stopped"));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (VerbatimApiException e)
        {
            progress?.Invoke(new WorkerEvent(WorkerEvent.Failed, job.JobId, e.Message));
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if (Directory.Exists(scratch.Path))
            {
                TryDelete(scratch.Path);
            }
        }
    }

    /// <summary>Renews the lease every <paramref name="every"/>; when the server says it is no longer held, cancels the job (<paramref name="lost"/>).</summary>
    private async Task RenewAsync(JobLease job, TimeSpan every, CancellationTokenSource lost, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(every);
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await client.RenewAsync(job.JobId, job.LeaseId, stop).ConfigureAwait(false);
                }
                catch (VerbatimApiException e) when (e.Status == HttpStatusCode.Conflict)
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (Transient(e, stop))
                {
                    progress?.Invoke(new WorkerEvent(WorkerEvent.Unreachable, job.JobId, "renewal: " + e.Message));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
    }

    private async Task ReportFailureAsync(JobLease job, string reason, CancellationToken cancel)
    {
        try
        {
            var failed = await RetryAsync(() => client.FailAsync(job.JobId, new JobFailure(job.LeaseId, reason), cancel), cancel).ConfigureAwait(false);
            progress?.Invoke(new WorkerEvent(WorkerEvent.Failed, job.JobId, $"{reason} ({failed.State})"));
        }
        catch (VerbatimApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            progress?.Invoke(new WorkerEvent(WorkerEvent.LeaseLost, job.JobId, e.Error));
        }
    }

    /// <summary>Calls <paramref name="call"/> until the server answers (connection failures, 429 and 5xx are retried with back-off).</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancel)
    {
        var wait = options.RetryWait;
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (Transient(e, cancel))
            {
                progress?.Invoke(new WorkerEvent(WorkerEvent.Unreachable, 0, e.Message));
                await Task.Delay(wait, cancel).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.MaxIdleWait.Ticks));
            }
        }
    }

    private static bool Transient(Exception e, CancellationToken cancel) => e switch
    {
        HttpRequestException => true,
        TaskCanceledException when !cancel.IsCancellationRequested => true, // an HTTP timeout
        VerbatimApiException api => api.Status is HttpStatusCode.TooManyRequests || (int)api.Status >= 500,
        _ => false,
    };

    private static async Task WaitAsync(TimeSpan wait, HashSet<Task> running, CancellationToken cancel)
    {
        var delay = Task.Delay(wait, cancel);
        await Task.WhenAny(running.Count == 0 ? [delay] : [delay, Task.WhenAny(running)]).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A scratch directory left in the temporary folder; nothing else to do.
        }
    }
}
