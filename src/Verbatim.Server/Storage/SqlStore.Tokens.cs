namespace Verbatim.Server.Storage;

public abstract partial class SqlStore
{
    public Task<TokenRecord> CreateTokenAsync(string name, string scope, string tokenHash, string? publicKeyPem, string? keyId, bool replace, long now, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            if (replace)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM tokens WHERE name = @n", cancel, ("n", name)).ConfigureAwait(false);
            }

            var id = await ScalarAsync(connection, transaction,
                "INSERT INTO tokens (name, scope, hash, public_key, key_id, created_at) VALUES (@n, @s, @h, @k, @i, @t) ON CONFLICT DO NOTHING RETURNING id",
                cancel, ("n", name), ("s", scope), ("h", tokenHash), ("k", publicKeyPem), ("i", keyId), ("t", now)).ConfigureAwait(false);
            return id is null
                ? throw new InvalidOperationException($"a token named '{name}' exists")
                : new TokenRecord(Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), name, scope, publicKeyPem, keyId);
        }, cancel);

    public Task<TokenRecord?> FindTokenAsync(string tokenHash, CancellationToken cancel) =>
        ReadAsync(async connection =>
        {
            var rows = await ListAsync(connection, null, "SELECT id, name, scope, public_key, key_id FROM tokens WHERE hash = @h",
                r => new TokenRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4)), cancel, ("h", tokenHash)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancel);

    public Task<bool> RegisterKeyAsync(string worker, string publicKeyPem, string keyId, CancellationToken cancel) =>
        WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "UPDATE tokens SET public_key = @k, key_id = @i WHERE name = @n AND public_key IS NULL",
                cancel, ("k", publicKeyPem), ("i", keyId), ("n", worker)).ConfigureAwait(false);
            var registered = await ScalarAsync(connection, transaction, "SELECT key_id FROM tokens WHERE name = @n", cancel, ("n", worker)).ConfigureAwait(false);
            return registered as string == keyId;
        }, cancel);
}
