using System.Globalization;
using System.Text.Json;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

public abstract partial class SqlStore
{
    public Task<PackagesAdded> AddPackagesAsync(CollectionRecord collection, PackagesAdd add, long now, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            long added = 0, queued = 0, known = 0;
            foreach (var package in add.Packages)
            {
                var id = await ScalarAsync(connection, transaction,
                    "INSERT INTO packages (collection_id, name, version, spec, created_at) VALUES (@c, @n, @v, @s, @t) ON CONFLICT DO NOTHING RETURNING id",
                    cancel, ("c", collection.Id), ("n", package.Name), ("v", package.Version), ("s", package.Spec), ("t", now)).ConfigureAwait(false);
                var isNew = id is not null;
                if (isNew)
                {
                    added++;
                }
                else
                {
                    known++;
                    id = await ScalarAsync(connection, transaction, "SELECT id FROM packages WHERE collection_id = @c AND name = @n AND version = @v",
                        cancel, ("c", collection.Id), ("n", package.Name), ("v", package.Version)).ConfigureAwait(false);
                }

                var packageId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                foreach (var section in package.Sections ?? [])
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO sections (collection_id, section, name) VALUES (@c, @s, @n) ON CONFLICT DO NOTHING",
                        cancel, ("c", collection.Id), ("s", section), ("n", package.Name)).ConfigureAwait(false);
                }

                if (!isNew && !add.Requeue)
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction,
                    "INSERT INTO jobs (package_id, ecosystem, state, attempts, available_at, created_at) VALUES (@p, @e, @q, 0, @t, @t)",
                    cancel, ("p", packageId), ("e", collection.Ecosystem), ("q", JobStates.Queued), ("t", now)).ConfigureAwait(false);
                queued++;
                await ExecuteAsync(connection, transaction,
                    """
                    INSERT INTO package_status (collection_id, name, package_id, version, status, result_id, updated_at) VALUES (@c, @n, @p, @v, @s, NULL, @t)
                    ON CONFLICT (collection_id, name) DO UPDATE SET package_id = excluded.package_id, version = excluded.version,
                        status = excluded.status, result_id = NULL, updated_at = excluded.updated_at
                    """,
                    cancel, ("c", collection.Id), ("n", package.Name), ("p", packageId), ("v", package.Version), ("s", PackageStatus.Pending), ("t", now)).ConfigureAwait(false);
            }

            return new PackagesAdded(added, queued, known);
        }, cancel);

    public Task<(long Total, IReadOnlyList<PackageRow> Rows)> PackagesAsync(long collectionId, string? query, string? status, int offset, int limit, CancellationToken cancel) =>
        ReadAsync<(long, IReadOnlyList<PackageRow>)>(async connection =>
        {
            var where = "collection_id = @c" + (status is null ? "" : " AND status = @s") + (string.IsNullOrEmpty(query) ? "" : " AND name LIKE @q ESCAPE '\\'");
            var pattern = string.IsNullOrEmpty(query) ? null : "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            (string, object?)[] parameters = [("c", collectionId), ("s", status), ("q", pattern), ("l", limit), ("o", offset)];
            var total = Convert.ToInt64(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM package_status WHERE {where}", cancel, parameters[..3]).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var rows = await ListAsync(connection, null, $"SELECT name, version, status, updated_at FROM package_status WHERE {where} ORDER BY name LIMIT @l OFFSET @o",
                r => new PackageRow(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3))), cancel, parameters).ConfigureAwait(false);
            return (total, rows);
        }, cancel);

    public Task<IReadOnlyList<PackageVersionDetail>> PackageAsync(string ecosystem, string name, CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<PackageVersionDetail>>(async connection =>
        {
            var versions = await ListAsync(connection, null,
                """
                SELECT p.id, c.name, p.version,
                       (SELECT j.state FROM jobs j WHERE j.package_id = p.id ORDER BY j.id DESC LIMIT 1)
                  FROM packages p JOIN collections c ON c.id = p.collection_id
                 WHERE c.ecosystem = @e AND p.name = @n ORDER BY p.id DESC
                """,
                r => (Id: r.GetInt64(0), Collection: r.GetString(1), Version: r.GetString(2), JobState: Text(r, 3)), cancel, ("e", ecosystem), ("n", name)).ConfigureAwait(false);
            var details = new List<PackageVersionDetail>();
            foreach (var version in versions)
            {
                var results = await ListAsync(connection, null,
                    """
                    SELECT id, job_id, verdict, reference_digest, rebuilt_digest, causes, normalizations, detail, worker, key_id, recorded_at,
                           CASE WHEN build_record IS NULL THEN 0 ELSE 1 END, CASE WHEN diff_html IS NULL THEN 0 ELSE 1 END
                      FROM results WHERE package_id = @p ORDER BY id DESC
                    """,
                    r => new ResultView(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Text(r, 3), Text(r, 4), Strings(r.GetString(5)), Strings(r.GetString(6)), Text(r, 7),
                        r.GetString(8), r.GetString(9), Time(r.GetInt64(10)), $"/api/v1/results/{r.GetInt64(0)}/attestation",
                        r.GetInt32(11) == 1 ? $"/api/v1/results/{r.GetInt64(0)}/build-record" : null,
                        r.GetInt32(12) == 1 ? $"/results/{r.GetInt64(0)}/diff" : null),
                    cancel, ("p", version.Id)).ConfigureAwait(false);
                var status = version.JobState switch
                {
                    JobStates.Done when results.Count > 0 => StatusOf(results[0].Verdict),
                    JobStates.Failed => PackageStatus.Failed,
                    _ => PackageStatus.Pending,
                };
                details.Add(new PackageVersionDetail(version.Collection, version.Version, status, results));
            }

            return details;
        }, cancel);

    /// <summary>The package status a verdict gives: a build that failed counts as failed.</summary>
    public static string StatusOf(string verdict) => verdict == "build-failed" ? PackageStatus.Failed : verdict;

    private static List<string> Strings(string json) => JsonSerializer.Deserialize(json, ApiJson.Default.ListString) ?? [];

    private static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize([.. values], ApiJson.Default.ListString);
}
