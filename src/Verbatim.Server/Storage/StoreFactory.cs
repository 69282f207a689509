using Verbatim.Server.Storage.Postgres;
using Verbatim.Server.Storage.Sqlite;

namespace Verbatim.Server.Storage;

/// <summary>Opens the store a <c>--db</c> value names: <c>sqlite:PATH</c> (the default, <c>sqlite:verbatim.db</c>) or <c>postgres://…</c>.</summary>
public static class StoreFactory
{
    public const string DefaultDatabase = "sqlite:verbatim.db";

    /// <exception cref="ArgumentException">The value names no database this service can use.</exception>
    public static IServiceStore Open(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = database["sqlite:".Length..];
            return path.Length == 0 ? throw new ArgumentException("sqlite: needs a file path, e.g. sqlite:verbatim.db") : new SqliteStore(path);
        }

        if (database.StartsWith("postgres://", StringComparison.Ordinal) || database.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return new PostgresStore(database);
        }

        throw new ArgumentException($"--db '{database}' is neither sqlite:PATH nor postgres://USER@HOST:PORT/DATABASE");
    }
}
