using System.Data.Common;
using System.Globalization;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

public abstract partial class SqlStore
{
    /// <summary>A query selecting rows to update that skips rows other transactions hold (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite has one writer).</summary>
    protected abstract string Locked(string select);

    /// <summary>A query selecting rows to update, waiting for other transactions that hold them (PostgreSQL: <c>FOR UPDATE</c>).</summary>
    protected abstract string ForUpdate(string select);

    public Task<IReadOnlyList<JobLease>> LeaseAsync(string worker, int max, IReadOnlyList<string> ecosystems, long now, LeasePolicy policy, CancellationToken cancel) =>
        WriteAsync<IReadOnlyList<JobLease>>(async (connection, transaction) =>
        {
            await ReapAsync(connection, transaction, now, policy, cancel).ConfigureAwait(false);
            if (ecosystems.Count == 0 || max <= 0)
            {
                return [];
            }

            var list = string.Join(", ", ecosystems.Select((_, i) => "@e" + i.ToString(CultureInfo.InvariantCulture)));
            var parameters = new List<(string, object?)> { ("now", now), ("max", max), ("nonce", Guid.NewGuid().ToString("N")), ("w", worker), ("exp", now + (long)policy.LeaseDuration.TotalMilliseconds) };
            parameters.AddRange(ecosystems.Select((e, i) => ("e" + i.ToString(CultureInfo.InvariantCulture), (object?)e)));
            var leased = await ListAsync(connection, transaction,
                $"""
                UPDATE jobs SET state = 'leased', attempts = attempts + 1, lease_id = @nonce || '-' || CAST(id AS TEXT), worker = @w, lease_expires = @exp
                 WHERE id IN ({Locked($"SELECT id FROM jobs WHERE state = 'queued' AND available_at <= @now AND ecosystem IN ({list}) ORDER BY available_at, id LIMIT @max")})
                RETURNING id, lease_id, attempts, package_id
                """,
                r => (Job: r.GetInt64(0), Lease: r.GetString(1), Attempt: r.GetInt32(2), Package: r.GetInt64(3)), cancel, [.. parameters]).ConfigureAwait(false);
            if (leased.Count == 0)
            {
                return [];
            }

            var ids = string.Join(", ", leased.Select(l => l.Package.ToString(CultureInfo.InvariantCulture)));
            var packages = (await ListAsync(connection, transaction,
                $"SELECT p.id, c.name, c.ecosystem, p.name, p.version, p.spec FROM packages p JOIN collections c ON c.id = p.collection_id WHERE p.id IN ({ids})",
                r => (Id: r.GetInt64(0), Collection: r.GetString(1), Ecosystem: r.GetString(2), Name: r.GetString(3), Version: r.GetString(4), Spec: Text(r, 5)), cancel).ConfigureAwait(false))
                .ToDictionary(p => p.Id);
            var expires = Time(now + (long)policy.LeaseDuration.TotalMilliseconds);
            return [.. leased.OrderBy(l => l.Job).Select(l =>
            {
                var p = packages[l.Package];
                return new JobLease(l.Job, l.Lease, p.Collection, p.Ecosystem, p.Name, p.Version, p.Spec, l.Attempt, expires);
            })];
        }, cancel);

    /// <summary>Expired leases: the job goes back to the queue, or fails for good when it has used up its attempts (a job that kills its workers does not loop).</summary>
    private async Task ReapAsync(DbConnection connection, DbTransaction transaction, long now, LeasePolicy policy, CancellationToken cancel)
    {
        var reaped = await ListAsync(connection, transaction,
            $"""
            UPDATE jobs SET state = CASE WHEN attempts >= @max THEN 'failed' ELSE 'queued' END,
                   last_error = 'the lease of worker ' || worker || ' expired without a result (attempt ' || CAST(attempts AS TEXT) || ')',
                   lease_id = NULL, lease_expires = NULL, available_at = @now,
                   finished_at = CASE WHEN attempts >= @max THEN @now ELSE NULL END
             WHERE id IN ({Locked("SELECT id FROM jobs WHERE state = 'leased' AND lease_expires < @now")})
            RETURNING package_id, state
            """,
            r => (Package: r.GetInt64(0), State: r.GetString(1)), cancel, ("now", now), ("max", policy.MaxAttempts)).ConfigureAwait(false);
        await SetStatusesAsync(connection, transaction, [.. reaped.Where(j => j.State == JobStates.Failed).Select(j => (j.Package, PackageStatus.Failed, (long?)null))], now, cancel).ConfigureAwait(false);
    }

    public Task<long?> RenewAsync(long jobId, string leaseId, string worker, long now, LeasePolicy policy, CancellationToken cancel) =>
        WriteAsync<long?>(async (connection, transaction) =>
        {
            var expires = now + (long)policy.LeaseDuration.TotalMilliseconds;
            var renewed = await ExecuteAsync(connection, transaction,
                "UPDATE jobs SET lease_expires = @exp WHERE id = @id AND state = 'leased' AND lease_id = @l AND worker = @w AND lease_expires >= @now",
                cancel, ("exp", expires), ("id", jobId), ("l", leaseId), ("w", worker), ("now", now)).ConfigureAwait(false);
            return renewed == 1 ? expires : null;
        }, cancel);

    public async Task<RecordOutcome> RecordResultAsync(long jobId, string worker, string keyId, ResultUpload upload, long now, CancellationToken cancel) =>
        (await RecordResultsAsync(worker, keyId, [(jobId, upload)], now, cancel).ConfigureAwait(false))[0];

    public Task<IReadOnlyList<RecordOutcome>> RecordResultsAsync(string worker, string keyId, IReadOnlyList<(long JobId, ResultUpload Upload)> results, long now, CancellationToken cancel) =>
        WriteAsync<IReadOnlyList<RecordOutcome>>(async (connection, transaction) =>
        {
            var outcomes = new RecordOutcome[results.Count];
            var seen = new HashSet<long>();
            var candidates = new List<int>();
            for (var i = 0; i < results.Count; i++)
            {
                // A job named twice in one batch: only its first result can be the one recorded.
                outcomes[i] = new RecordOutcome(RecordStatus.LeaseNotHeld, 0);
                if (seen.Add(results[i].JobId))
                {
                    candidates.Add(i);
                }
            }

            foreach (var chunk in candidates.Chunk(RowsPerStatement))
            {
                await RecordChunkAsync(connection, transaction, worker, keyId, results, chunk, outcomes, now, cancel).ConfigureAwait(false);
            }

            return outcomes;
        }, cancel);

    /// <summary>
    /// One statement ends the leases the worker holds (job and lease id matching, unexpired), one inserts their
    /// results, one their causes; then the statuses and counts. The jobs not ended are told apart: no such job, or a lease not held.
    /// </summary>
    private async Task RecordChunkAsync(DbConnection connection, DbTransaction transaction, string worker, string keyId, IReadOnlyList<(long JobId, ResultUpload Upload)> results,
        int[] chunk, RecordOutcome[] outcomes, long now, CancellationToken cancel)
    {
        var leases = new SqlRows("l", "@", "@");
        foreach (var i in chunk)
        {
            leases.Add(results[i].JobId, results[i].Upload.LeaseId);
        }

        var ended = (await ListAsync(connection, transaction,
            $"""
            UPDATE jobs SET state = 'done', finished_at = @now FROM (VALUES {leases.Values}) AS v
             WHERE jobs.id = v.column1 AND jobs.lease_id = v.column2 AND jobs.state = 'leased' AND jobs.worker = @w AND jobs.lease_expires >= @now
            RETURNING jobs.id, jobs.package_id
            """,
            r => (Job: r.GetInt64(0), Package: r.GetInt64(1)), cancel, [.. leases.Parameters, ("now", now), ("w", worker)]).ConfigureAwait(false)).ToDictionary(e => e.Job, e => e.Package);
        var refused = chunk.Where(i => !ended.ContainsKey(results[i].JobId)).ToList();
        if (refused.Count > 0)
        {
            var known = (await ListAsync(connection, transaction, $"SELECT id FROM jobs WHERE id IN ({SqlRows.Ids(refused.Select(i => results[i].JobId))})", r => r.GetInt64(0), cancel).ConfigureAwait(false)).ToHashSet();
            foreach (var i in refused)
            {
                outcomes[i] = new RecordOutcome(known.Contains(results[i].JobId) ? RecordStatus.LeaseNotHeld : RecordStatus.NoSuchJob, 0);
            }
        }

        var recorded = chunk.Where(i => ended.ContainsKey(results[i].JobId)).ToList();
        if (recorded.Count == 0)
        {
            return;
        }

        var rows = new SqlRows("r", "@", "@", "@", "@", "@", "@", "@", "@", "@", "@", "@", "@", "@", "@");
        foreach (var i in recorded)
        {
            var (jobId, upload) = results[i];
            rows.Add(jobId, ended[jobId], upload.Verdict, upload.ReferenceDigest, upload.RebuiltDigest, Json(upload.Causes), Json(upload.Normalizations), upload.Detail,
                worker, keyId, upload.Attestation, upload.BuildRecord, upload.DiffHtml, now);
        }

        var ids = (await ListAsync(connection, transaction,
            $"""
            INSERT INTO results (job_id, package_id, verdict, reference_digest, rebuilt_digest, causes, normalizations, detail, worker, key_id, attestation, build_record, diff_html, recorded_at)
            VALUES {rows.Values} RETURNING id, job_id
            """,
            r => (Result: r.GetInt64(0), Job: r.GetInt64(1)), cancel, [.. rows.Parameters]).ConfigureAwait(false)).ToDictionary(r => r.Job, r => r.Result);
        var causes = new SqlRows("c", "@", "@");
        foreach (var i in recorded)
        {
            outcomes[i] = new RecordOutcome(RecordStatus.Recorded, ids[results[i].JobId]);
            foreach (var cause in results[i].Upload.Causes.Distinct(StringComparer.Ordinal))
            {
                causes.Add(ids[results[i].JobId], cause);
            }
        }

        if (causes.Count > 0)
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO result_causes (result_id, cause) VALUES {causes.Values}", cancel, [.. causes.Parameters]).ConfigureAwait(false);
        }

        await SetStatusesAsync(connection, transaction, [.. recorded.Select(i => (ended[results[i].JobId], StatusOf(results[i].Upload.Verdict), (long?)ids[results[i].JobId]))], now, cancel).ConfigureAwait(false);
    }

    public Task<JobFailed?> FailAsync(long jobId, string leaseId, string worker, string reason, long now, LeasePolicy policy, CancellationToken cancel) =>
        WriteAsync<JobFailed?>(async (connection, transaction) =>
        {
            var held = await ListAsync(connection, transaction,
                ForUpdate("SELECT attempts, package_id FROM jobs WHERE id = @id AND state = 'leased' AND lease_id = @l AND worker = @w"),
                r => (Attempts: r.GetInt32(0), Package: r.GetInt64(1)), cancel, ("id", jobId), ("l", leaseId), ("w", worker)).ConfigureAwait(false);
            if (held.Count == 0)
            {
                return null;
            }

            var final = held[0].Attempts >= policy.MaxAttempts;
            var retryAt = now + (long)policy.Backoff(held[0].Attempts).TotalMilliseconds;
            var message = final ? $"{reason} (gave up after {held[0].Attempts} attempts)" : reason;
            await ExecuteAsync(connection, transaction,
                "UPDATE jobs SET state = @s, last_error = @r, lease_id = NULL, lease_expires = NULL, available_at = @a, finished_at = @f WHERE id = @id",
                cancel, ("s", final ? JobStates.Failed : JobStates.Queued), ("r", message), ("a", final ? now : retryAt), ("f", final ? now : null), ("id", jobId)).ConfigureAwait(false);
            if (final)
            {
                await SetStatusesAsync(connection, transaction, [(held[0].Package, PackageStatus.Failed, null)], now, cancel).ConfigureAwait(false);
            }

            return new JobFailed(jobId, final ? JobStates.Failed : JobStates.Queued, final ? null : Time(retryAt));
        }, cancel);

    public Task<JobView?> JobAsync(long jobId, CancellationToken cancel) =>
        ReadAsync(async connection =>
        {
            var rows = await ListAsync(connection, null,
                """
                SELECT j.id, c.name, p.name, p.version, j.state, j.attempts, j.last_error, j.lease_expires
                  FROM jobs j JOIN packages p ON p.id = j.package_id JOIN collections c ON c.id = p.collection_id WHERE j.id = @id
                """,
                r => new JobView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), Text(r, 6), Long(r, 7) is { } t ? Time(t) : null),
                cancel, ("id", jobId)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancel);

    public Task<StoredDocuments?> DocumentsAsync(long resultId, CancellationToken cancel) =>
        ReadAsync(async connection =>
        {
            var rows = await ListAsync(connection, null,
                "SELECT r.id, p.name, p.version, r.attestation, r.build_record, r.diff_html FROM results r JOIN packages p ON p.id = r.package_id WHERE r.id = @id",
                r => new StoredDocuments(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5)), cancel, ("id", resultId)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancel);
}
