using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Verbatim.Server.Storage.Sqlite;

/// <summary>
/// The store in one SQLite file (write-ahead log; one writer at a time in this process, readers alongside). The
/// native SQLite library is the one SQLitePCLRaw's bundle ships beside the executable (<c>libe_sqlite3.so</c>).
/// </summary>
public sealed class SqliteStore : SqlStore
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writer = new(1, 1);

    public SqliteStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public override string Describe => "sqlite:" + Path;

    protected override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override int RowsPerStatement => 32;

    protected override string PrefixIndex => "";

    protected override string PrefixName => "name";

    protected override string Locked(string select) => select;

    protected override string ForUpdate(string select) => select;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000", cancel).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The write-ahead log (readers never wait for the writer) is a property of the file: set once, before migrating.</summary>
    protected override Task PrepareFileAsync(DbConnection connection, CancellationToken cancel) => ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancel);

    protected override async Task<IDisposable> WriteLockAsync(CancellationToken cancel)
    {
        await writer.WaitAsync(cancel).ConfigureAwait(false);
        return new Release(writer);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
