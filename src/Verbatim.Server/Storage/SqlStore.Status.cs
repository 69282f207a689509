using System.Data.Common;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

/// <summary>
/// Packages' statuses and the figures counted from them: every change of a status (or a package put in a section)
/// adjusts <c>status_counts</c> in the same transaction, so the figures are read, never aggregated, per request. The
/// counter rows are updated in one order (by key) in every transaction, so concurrent writers wait, not deadlock.
/// </summary>
public abstract partial class SqlStore
{
    /// <summary>A package (by name in a collection) whose status goes from <paramref name="Old"/> (null: it had none) to <paramref name="New"/>, in its <paramref name="Sections"/> (besides <c>all</c>) and newly put in <paramref name="AddedSections"/>.</summary>
    private sealed record StatusChange(long Collection, string Name, string? Old, string? New, IReadOnlyCollection<string> Sections, IReadOnlyCollection<string> AddedSections);

    /// <summary>Sets the statuses of packages whose versions are still their newest (the others have no status row), and counts the changes.</summary>
    private async Task SetStatusesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long PackageId, string Status, long? ResultId)> updates, long now, CancellationToken cancel)
    {
        foreach (var chunk in updates.Chunk(RowsPerStatement))
        {
            var current = await ListAsync(connection, transaction,
                ForUpdate($"SELECT package_id, collection_id, name, status FROM package_status WHERE package_id IN ({SqlRows.Ids(chunk.Select(u => u.PackageId))})"),
                r => (Package: r.GetInt64(0), Collection: r.GetInt64(1), Name: r.GetString(2), Status: r.GetString(3)), cancel).ConfigureAwait(false);
            if (current.Count == 0)
            {
                continue;
            }

            var rows = new SqlRows("u", "@", "@", "CAST(@ AS BIGINT)");
            var wanted = chunk.GroupBy(u => u.PackageId).ToDictionary(g => g.Key, g => g.Last());
            foreach (var row in current)
            {
                var update = wanted[row.Package];
                rows.Add(row.Package, update.Status, update.ResultId);
            }

            await ExecuteAsync(connection, transaction,
                $"UPDATE package_status SET status = v.column2, result_id = v.column3, updated_at = @now FROM (VALUES {rows.Values}) AS v WHERE package_status.package_id = v.column1",
                cancel, [.. rows.Parameters, ("now", now)]).ConfigureAwait(false);
            var changes = new List<StatusChange>();
            foreach (var collection in current.GroupBy(c => c.Collection))
            {
                var sections = await SectionsOfAsync(connection, transaction, collection.Key, [.. collection.Select(c => c.Name)], cancel).ConfigureAwait(false);
                changes.AddRange(collection.Select(c => new StatusChange(c.Collection, c.Name, c.Status, wanted[c.Package].Status,
                    sections.GetValueOrDefault(c.Name) ?? [], [])));
            }

            await CountAsync(connection, transaction, changes, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The sections (besides <c>all</c>) each of <paramref name="names"/> is in.</summary>
    private async Task<Dictionary<string, List<string>>> SectionsOfAsync(DbConnection connection, DbTransaction transaction, long collection, IReadOnlyCollection<string> names, CancellationToken cancel)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(RowsPerStatement))
        {
            var (list, parameters) = SqlRows.Texts("n", chunk);
            var rows = await ListAsync(connection, transaction, $"SELECT name, section FROM sections WHERE collection_id = @c AND name IN ({list})",
                r => (Name: r.GetString(0), Section: r.GetString(1)), cancel, [.. parameters, ("c", collection)]).ConfigureAwait(false);
            foreach (var row in rows)
            {
                (sections.TryGetValue(row.Name, out var of) ? of : sections[row.Name] = []).Add(row.Section);
            }
        }

        return sections;
    }

    /// <summary>Adds the changes to the counts of <c>all</c> and of each section, in one statement, in key order.</summary>
    private async Task CountAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StatusChange> changes, CancellationToken cancel)
    {
        var deltas = new SortedDictionary<(long, string, string), long>(Comparer<(long, string, string)>.Create((a, b) =>
            a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2) is var s and not 0 ? s : string.CompareOrdinal(a.Item3, b.Item3)));
        void Add(long collection, string section, string? status, long delta)
        {
            if (status is not null)
            {
                deltas[(collection, section, status)] = deltas.GetValueOrDefault((collection, section, status)) + delta;
            }
        }

        foreach (var change in changes)
        {
            if (change.Old != change.New)
            {
                foreach (var section in change.Sections.Prepend("all"))
                {
                    Add(change.Collection, section, change.Old, -1);
                    Add(change.Collection, section, change.New, +1);
                }
            }

            foreach (var section in change.AddedSections)
            {
                Add(change.Collection, section, change.New, +1);
            }
        }

        foreach (var chunk in deltas.Where(d => d.Value != 0).Chunk(RowsPerStatement))
        {
            var rows = new SqlRows("k", "@", "@", "@", "@");
            foreach (var ((collection, section, status), delta) in chunk)
            {
                rows.Add(collection, section, status, delta);
            }

            await ExecuteAsync(connection, transaction,
                $"""
                INSERT INTO status_counts (collection_id, section, status, packages) VALUES {rows.Values}
                ON CONFLICT (collection_id, section, status) DO UPDATE SET packages = status_counts.packages + excluded.packages
                """,
                cancel, [.. rows.Parameters]).ConfigureAwait(false);
        }
    }

    /// <summary>The figures of <c>all</c> and of every section, from the counts.</summary>
    private static async Task<IReadOnlyList<SectionFigures>> CountedFiguresAsync(DbConnection connection, DbTransaction? transaction, long collectionId, CancellationToken cancel)
    {
        var counts = await ListAsync(connection, transaction, "SELECT section, status, packages FROM status_counts WHERE collection_id = @c",
            r => (Section: r.GetString(0), Status: r.GetString(1), Count: r.GetInt64(2)), cancel, ("c", collectionId)).ConfigureAwait(false);
        return Figures(counts);
    }

    /// <summary><c>all</c> first, then the sections in order, from (section, status, count) rows.</summary>
    private static IReadOnlyList<SectionFigures> Figures(List<(string Section, string Status, long Count)> counts)
    {
        var sections = counts.Select(c => c.Section).Where(s => s != "all").Distinct().Order(StringComparer.Ordinal).Prepend("all");
        return [.. sections.Select(section =>
        {
            long Count(string status) => counts.Where(c => c.Section == section && c.Status == status).Sum(c => c.Count);
            var (r, e, n, f, p) = (Count(PackageStatus.Reproducible), Count(PackageStatus.Equivalent), Count(PackageStatus.NotReproducible), Count(PackageStatus.Failed), Count(PackageStatus.Pending));
            return new SectionFigures(section, r + e + n + f + p, r, e, n, f, p);
        })];
    }

    /// <summary>The figures aggregated from the statuses themselves (what the counts must equal; for tests and checks).</summary>
    internal Task<IReadOnlyList<SectionFigures>> AggregatedFiguresAsync(long collectionId, CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<SectionFigures>>(async connection =>
        {
            var counts = await ListAsync(connection, null,
                """
                SELECT 'all', status, COUNT(*) FROM package_status WHERE collection_id = @c GROUP BY status
                UNION ALL
                SELECT s.section, p.status, COUNT(*) FROM sections s
                  JOIN package_status p ON p.collection_id = s.collection_id AND p.name = s.name
                 WHERE s.collection_id = @c GROUP BY s.section, p.status
                """,
                r => (Section: r.GetString(0), Status: r.GetString(1), Count: r.GetInt64(2)), cancel, ("c", collectionId)).ConfigureAwait(false);
            return Figures(counts);
        }, cancel);
}
