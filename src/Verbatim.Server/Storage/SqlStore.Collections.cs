using System.Data.Common;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Storage;

public abstract partial class SqlStore
{
    public Task<CollectionRecord?> CreateCollectionAsync(CollectionCreate create, long now, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            var id = await ScalarAsync(connection, transaction,
                "INSERT INTO collections (name, ecosystem, description, created_at) VALUES (@n, @e, @d, @t) ON CONFLICT DO NOTHING RETURNING id",
                cancel, ("n", create.Name), ("e", create.Ecosystem), ("d", create.Description), ("t", now)).ConfigureAwait(false);
            return id is null ? null : new CollectionRecord(Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), create.Name, create.Ecosystem, create.Description);
        }, cancel);

    public Task<CollectionRecord?> FindCollectionAsync(string name, CancellationToken cancel) =>
        ReadAsync(async connection =>
        {
            var rows = await ListAsync(connection, null, "SELECT id, name, ecosystem, description FROM collections WHERE name = @n", ReadCollection, cancel, ("n", name)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancel);

    public Task<IReadOnlyList<CollectionRecord>> CollectionsAsync(CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<CollectionRecord>>(async connection =>
            await ListAsync(connection, null, "SELECT id, name, ecosystem, description FROM collections ORDER BY name", ReadCollection, cancel).ConfigureAwait(false), cancel);

    public Task<IReadOnlyList<SectionFigures>> FiguresAsync(long collectionId, CancellationToken cancel) =>
        ReadAsync(connection => CountedFiguresAsync(connection, null, collectionId, cancel), cancel);

    public Task<IReadOnlyList<HistoryPoint>> HistoryAsync(long collectionId, string section, int limit, CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<HistoryPoint>>(async connection =>
        {
            var points = await ListAsync(connection, null,
                "SELECT at, reproducible, equivalent, not_reproducible, failed, pending FROM history WHERE collection_id = @c AND section = @s ORDER BY at DESC LIMIT @l",
                r => new HistoryPoint(Time(r.GetInt64(0)), new SectionFigures(section, r.GetInt64(1) + r.GetInt64(2) + r.GetInt64(3) + r.GetInt64(4) + r.GetInt64(5),
                    r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5))),
                cancel, ("c", collectionId), ("s", section), ("l", limit)).ConfigureAwait(false);
            points.Reverse();
            return points;
        }, cancel);

    public Task SnapshotAsync(long now, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            if (!await TryLockForSnapshotAsync(connection, transaction, cancel).ConfigureAwait(false))
            {
                return 0; // another replica is recording the same figures
            }

            var collections = await ListAsync(connection, transaction, "SELECT id FROM collections", r => r.GetInt64(0), cancel).ConfigureAwait(false);
            foreach (var id in collections)
            {
                foreach (var figures in await CountedFiguresAsync(connection, transaction, id, cancel).ConfigureAwait(false))
                {
                    var last = await ListAsync(connection, transaction,
                        "SELECT reproducible, equivalent, not_reproducible, failed, pending FROM history WHERE collection_id = @c AND section = @s ORDER BY at DESC LIMIT 1",
                        r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancel, ("c", id), ("s", figures.Section)).ConfigureAwait(false);
                    if (last.Count == 1 && last[0] == (figures.Reproducible, figures.Equivalent, figures.NotReproducible, figures.Failed, figures.Pending))
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, transaction,
                        "INSERT INTO history (collection_id, section, at, reproducible, equivalent, not_reproducible, failed, pending) VALUES (@c, @s, @t, @r, @e, @n, @f, @p)",
                        cancel, ("c", id), ("s", figures.Section), ("t", now), ("r", figures.Reproducible), ("e", figures.Equivalent),
                        ("n", figures.NotReproducible), ("f", figures.Failed), ("p", figures.Pending)).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancel);

    public Task<IReadOnlyList<CauseCount>> CausesAsync(long collectionId, CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<CauseCount>>(async connection =>
            await ListAsync(connection, null,
                """
                SELECT rc.cause, COUNT(*) FROM package_status p JOIN result_causes rc ON rc.result_id = p.result_id
                 WHERE p.collection_id = @c AND p.status = @s GROUP BY rc.cause ORDER BY COUNT(*) DESC, rc.cause
                """,
                r => new CauseCount(r.GetString(0), r.GetInt64(1)), cancel, ("c", collectionId), ("s", PackageStatus.NotReproducible)).ConfigureAwait(false), cancel);

    private static CollectionRecord ReadCollection(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), Text(r, 3));
}
