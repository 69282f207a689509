using System.Threading.Channels;
using Verbatim.Service.Contracts;

namespace Verbatim.Worker;

/// <summary>
/// Sends a worker's signed results in batches (<c>POST /api/v1/jobs/results</c>): one request at a time, carrying
/// every result that finished while the previous request was under way (up to <see cref="MaxBatch"/> results and
/// <see cref="MaxBatchBytes"/>), so a lone
/// result goes at once and a burst shares one request. Each result is still signed on its own and accepted or refused
/// on its own; its job waits for its own outcome (and keeps renewing its lease until then).
/// </summary>
internal sealed class ResultUploader(VerbatimClient client, Func<Func<Task<ResultBatchOutcome>>, CancellationToken, Task<ResultBatchOutcome>> retry)
{
    public const int MaxBatch = 128;

    /// <summary>A batch stays well under the server's body limit (16 MiB): results with large diff reports go in smaller batches, or alone.</summary>
    public const long MaxBatchBytes = 4 * 1024 * 1024;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the result; its outcome once the server has answered for it.</summary>
    public async Task<JobResultOutcome> SubmitAsync(long jobId, ResultUpload upload, CancellationToken cancel)
    {
        var pending = new Pending(new JobResult(jobId, upload), new TaskCompletionSource<JobResultOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancel).ConfigureAwait(false);
        return await pending.Done.Task.WaitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Uploads until <paramref name="cancel"/> fires; results still queued then are abandoned (their leases expire).</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                batch.Clear();
                long bytes = 0;
                while (batch.Count < MaxBatch && queue.Reader.TryPeek(out var next) && (batch.Count == 0 || bytes + Size(next.Result.Result) <= MaxBatchBytes))
                {
                    bytes += Size(next.Result.Result);
                    batch.Add(next);
                    queue.Reader.TryRead(out _);
                }

                try
                {
                    var answer = await retry(() => client.UploadResultsAsync(new ResultBatch([.. batch.Select(p => p.Result)]), cancel), cancel).ConfigureAwait(false);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(i < answer.Results.Count ? answer.Results[i] : new JobResultOutcome(batch[i].Result.JobId, 500, Error: "the server answered for fewer results than were sent"));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    batch.ForEach(p => p.Done.TrySetException(e));
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping.
        }

        batch.ForEach(p => p.Done.TrySetCanceled(cancel));
        while (queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled(cancel);
        }
    }

    /// <summary>About the JSON size of an upload (its text fields dominate).</summary>
    private static long Size(ResultUpload upload) =>
        1024 + upload.Attestation.Length + (upload.DiffHtml?.Length ?? 0) + (upload.BuildRecord?.Length ?? 0) + (upload.Detail?.Length ?? 0);

    private sealed record Pending(JobResult Result, TaskCompletionSource<JobResultOutcome> Done);
}
