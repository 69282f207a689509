using System.Collections.Concurrent;
using Verbatim.Provenance;
using Verbatim.Server.Storage;

namespace Verbatim.Server.Hosting;

/// <summary>
/// What every endpoint works with: the store, the options and the clock; and two caches that save a query and a
/// key parse on every worker request: tokens whose worker key is registered (for <see cref="TokenCacheTime"/>; they
/// never change afterwards) and the verification keys by key id. Neither holds scheduling state.
/// </summary>
public sealed class ServiceState(IServiceStore store, ServerOptions options, TimeProvider clock)
{
    public static readonly TimeSpan TokenCacheTime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (TokenRecord Token, long Until)> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerificationKey> keys = new(StringComparer.Ordinal);

    public IServiceStore Store { get; } = store;

    public ServerOptions Options { get; } = options;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Now, in Unix milliseconds.</summary>
    public long Now() => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The token stored under <paramref name="hash"/>, from the cache when it was read lately.</summary>
    public async Task<TokenRecord?> FindTokenAsync(string hash, CancellationToken cancel)
    {
        var now = Now();
        if (tokens.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Token;
        }

        var token = await Store.FindTokenAsync(hash, cancel).ConfigureAwait(false);
        if (token is null)
        {
            tokens.TryRemove(hash, out _);
        }
        else if (token.KeyId is not null || token.Scope != Service.Contracts.TokenScopes.Worker)
        {
            // A worker token without a key is not cached: its key may be registered through another server.
            tokens[hash] = (token, now + (long)TokenCacheTime.TotalMilliseconds);
        }

        return token;
    }

    /// <summary>The verification key of a registered worker key (parsed once).</summary>
    public VerificationKey Key(string keyId, string publicKeyPem) => keys.GetOrAdd(keyId, _ => VerificationKey.FromPem(publicKeyPem));
}
