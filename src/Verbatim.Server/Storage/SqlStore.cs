using System.Data.Common;

namespace Verbatim.Server.Storage;

/// <summary>
/// The SQL both databases share (both speak <c>ON CONFLICT</c>, <c>RETURNING</c> and <c>@name</c> parameters);
/// a dialect supplies connections, the write discipline and the few statements that differ.
/// </summary>
public abstract partial class SqlStore : IServiceStore
{
    public abstract string Describe { get; }

    /// <summary>The auto-increment primary key column type.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>
    /// The most rows one multi-row statement carries (<see cref="SqlRows"/>): many for PostgreSQL (a round trip per
    /// statement; at most 65,535 parameters), few for SQLite, which has no round trip but finds each named parameter
    /// by a linear search (binding n parameters costs n²).
    /// </summary>
    protected virtual int RowsPerStatement => 500;

    /// <summary>The statement creating the index prefix searches use (empty when the primary key serves).</summary>
    protected abstract string PrefixIndex { get; }

    /// <summary>The package name as prefix searches compare it (in byte order).</summary>
    protected abstract string PrefixName { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancel);

    /// <summary>Held around every write transaction (SQLite: one writer at a time in this process; PostgreSQL: nothing, row locks do it).</summary>
    protected abstract Task<IDisposable> WriteLockAsync(CancellationToken cancel);

    /// <summary>Taken by the migration so that servers starting at once do not migrate twice (PostgreSQL: an advisory lock).</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel) => Task.CompletedTask;

    /// <summary>Taken by a history snapshot; false when another server is taking one now (PostgreSQL: a try of an advisory lock), which is then skipped.</summary>
    protected virtual Task<bool> TryLockForSnapshotAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel) => Task.FromResult(true);

    /// <summary>Settings of the database itself made before migrating, outside a transaction (SQLite: the write-ahead log).</summary>
    protected virtual Task PrepareFileAsync(DbConnection connection, CancellationToken cancel) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    public async Task MigrateAsync(CancellationToken cancel)
    {
        using var writing = await WriteLockAsync(cancel).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancel).ConfigureAwait(false);
        await PrepareFileAsync(connection, cancel).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await LockForMigrationAsync(connection, transaction, cancel).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancel).ConfigureAwait(false);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancel).ConfigureAwait(false) ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= Schema.Migrations.Count; version++)
        {
            foreach (var statement in Schema.Migrations[version - 1].Replace("{id}", IdColumn, StringComparison.Ordinal).Replace("{prefix_index}", PrefixIndex, StringComparison.Ordinal).Split(';'))
            {
                if (!string.IsNullOrWhiteSpace(statement))
                {
                    await ExecuteAsync(connection, transaction, statement, cancel).ConfigureAwait(false);
                }
            }

            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@v)", cancel, ("v", version)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it.</summary>
    protected async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancel)
    {
        using var writing = await WriteLockAsync(cancel).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancel).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a connection for reading.</summary>
    protected async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Reads every row of the query with <paramref name="map"/>.</summary>
    protected static async Task<List<T>> ListAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    protected static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    protected static long? Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    protected static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
