using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

public abstract partial class SqlStore
{
    public Task<PackagesAdded> AddPackagesAsync(CollectionRecord collection, PackagesAdd add, long now, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            // A version named twice counts as known the second time; a package's sections are those of all its lines.
            long known = 0;
            var versions = new List<PackageAdd>();
            var seen = new HashSet<(string, string)>();
            foreach (var package in add.Packages)
            {
                if (seen.Add((package.Name, package.Version)))
                {
                    versions.Add(package);
                }
                else
                {
                    known++;
                }
            }

            long added = 0, queued = 0;
            var changes = new List<StatusChange>();
            foreach (var chunk in versions.Chunk(RowsPerStatement))
            {
                var (a, q, k) = await AddChunkAsync(connection, transaction, collection, chunk, add.Requeue, changes, now, cancel).ConfigureAwait(false);
                (added, queued, known) = (added + a, queued + q, known + k);
            }

            // The counts last, once: like every writer, this transaction locks statuses before counts (no deadlock with a recording worker).
            await CountAsync(connection, transaction, changes, cancel).ConfigureAwait(false);
            return new PackagesAdded(added, queued, known);
        }, cancel);

    /// <summary>
    /// A few statements for up to <see cref="RowsPerStatement"/> versions: insert the new ones, look up the known ones,
    /// put the packages in their sections, queue the jobs, make the queued versions their packages' newest (pending); the changes to count are added to <paramref name="changes"/>.
    /// </summary>
    private async Task<(long Added, long Queued, long Known)> AddChunkAsync(DbConnection connection, DbTransaction transaction, CollectionRecord collection, PackageAdd[] chunk, bool requeue, List<StatusChange> changes, long now, CancellationToken cancel)
    {
        var inserts = new SqlRows("p", "@", "@", "@", "@", "@");
        foreach (var package in chunk)
        {
            inserts.Add(collection.Id, package.Name, package.Version, package.Spec, now);
        }

        var ids = new Dictionary<(string, string), long>();
        foreach (var row in await ListAsync(connection, transaction,
            $"INSERT INTO packages (collection_id, name, version, spec, created_at) VALUES {inserts.Values} ON CONFLICT DO NOTHING RETURNING id, name, version",
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Version: r.GetString(2)), cancel, [.. inserts.Parameters]).ConfigureAwait(false))
        {
            ids[(row.Name, row.Version)] = row.Id;
        }

        var isNew = ids.Keys.ToHashSet();
        var names = chunk.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var (nameList, nameParameters) = SqlRows.Texts("n", names);
        if (ids.Count < chunk.Length)
        {
            foreach (var row in await ListAsync(connection, transaction, $"SELECT id, name, version FROM packages WHERE collection_id = @c AND name IN ({nameList})",
                r => (Id: r.GetInt64(0), Name: r.GetString(1), Version: r.GetString(2)), cancel, [.. nameParameters, ("c", collection.Id)]).ConfigureAwait(false))
            {
                ids.TryAdd((row.Name, row.Version), row.Id);
            }
        }

        var sections = await SectionsOfAsync(connection, transaction, collection.Id, names, cancel).ConfigureAwait(false);
        var statuses = (await ListAsync(connection, transaction, ForUpdate($"SELECT name, status FROM package_status WHERE collection_id = @c AND name IN ({nameList})"),
            r => (Name: r.GetString(0), Status: r.GetString(1)), cancel, [.. nameParameters, ("c", collection.Id)]).ConfigureAwait(false)).ToDictionary(r => r.Name, r => r.Status, StringComparer.Ordinal);

        var toQueue = chunk.Where(p => requeue || isNew.Contains((p.Name, p.Version))).ToList();
        if (toQueue.Count > 0)
        {
            var jobs = new SqlRows("j", "@", "@", "@", "@", "@", "@");
            foreach (var package in toQueue)
            {
                jobs.Add(ids[(package.Name, package.Version)], collection.Ecosystem, JobStates.Queued, 0, now, now);
            }

            await ExecuteAsync(connection, transaction, $"INSERT INTO jobs (package_id, ecosystem, state, attempts, available_at, created_at) VALUES {jobs.Values}",
                cancel, [.. jobs.Parameters]).ConfigureAwait(false);

            // The last queued version of a name is its newest.
            var newest = new SqlRows("s", "@", "@", "@", "@", "@", "@");
            foreach (var package in toQueue.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.Last()))
            {
                newest.Add(collection.Id, package.Name, ids[(package.Name, package.Version)], package.Version, PackageStatus.Pending, now);
            }

            await ExecuteAsync(connection, transaction,
                $"""
                INSERT INTO package_status (collection_id, name, package_id, version, status, updated_at) VALUES {newest.Values}
                ON CONFLICT (collection_id, name) DO UPDATE SET package_id = excluded.package_id, version = excluded.version,
                    status = excluded.status, result_id = NULL, updated_at = excluded.updated_at
                """,
                cancel, [.. newest.Parameters]).ConfigureAwait(false);
        }

        var queuedNames = toQueue.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var memberships = new SqlRows("m", "@", "@", "@");
        var lines = chunk.ToLookup(p => p.Name, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var existing = sections.GetValueOrDefault(name) ?? [];
            var wanted = lines[name].SelectMany(p => p.Sections ?? []).Distinct(StringComparer.Ordinal).Except(existing, StringComparer.Ordinal).ToList();
            foreach (var section in wanted)
            {
                memberships.Add(collection.Id, section, name);
            }

            var old = statuses.GetValueOrDefault(name);
            changes.Add(new StatusChange(collection.Id, name, old, queuedNames.Contains(name) ? PackageStatus.Pending : old, existing, wanted));
        }

        if (memberships.Count > 0)
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO sections (collection_id, section, name) VALUES {memberships.Values} ON CONFLICT DO NOTHING",
                cancel, [.. memberships.Parameters]).ConfigureAwait(false);
        }

        var added = chunk.Count(p => isNew.Contains((p.Name, p.Version)));
        return (added, toQueue.Count, chunk.Length - added);
    }

    /// <summary>
    /// A page of the list, by name. A query is a name prefix (case-sensitive), found through an index in byte order
    /// (the names are printable ASCII, so every name with the prefix sorts below prefix + DEL); without one, the total
    /// is read from the counts, not counted.
    /// </summary>
    public Task<(long Total, IReadOnlyList<PackageRow> Rows)> PackagesAsync(long collectionId, string? query, string? status, int offset, int limit, CancellationToken cancel) =>
        ReadAsync<(long, IReadOnlyList<PackageRow>)>(async connection =>
        {
            var search = !string.IsNullOrEmpty(query);
            var where = "collection_id = @c" + (status is null ? "" : " AND status = @s") + (search ? $" AND {PrefixName} >= @lo AND {PrefixName} < @hi" : "");
            (string, object?)[] parameters = [("c", collectionId), ("s", status), ("lo", query), ("hi", query + "\u007f"), ("l", limit), ("o", offset)];
            long total;
            if (search)
            {
                total = Convert.ToInt64(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM package_status WHERE {where}", cancel, parameters[..4]).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }
            else
            {
                var all = (await CountedFiguresAsync(connection, null, collectionId, cancel).ConfigureAwait(false))[0];
                total = status is null ? all.Total : CountOf(all, status);
            }

            List<PackageRow> rows = total == 0 || offset >= total ? [] : await ListAsync(connection, null, $"SELECT name, version, status, updated_at FROM package_status WHERE {where} ORDER BY {(search ? PrefixName : "name")} LIMIT @l OFFSET @o",
                r => new PackageRow(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3))), cancel, parameters).ConfigureAwait(false);
            return (total, rows);
        }, cancel);

    private static long CountOf(SectionFigures figures, string status) => status switch
    {
        PackageStatus.Reproducible => figures.Reproducible,
        PackageStatus.Equivalent => figures.Equivalent,
        PackageStatus.NotReproducible => figures.NotReproducible,
        PackageStatus.Failed => figures.Failed,
        _ => figures.Pending,
    };

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
