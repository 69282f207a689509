using Verbatim.Provenance;
using Verbatim.Server.Hosting;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Tokens;

/// <summary>Makes tokens (for the API and for <c>verbatim token create</c>): a random token, stored as its SHA-256.</summary>
public static class TokenIssuer
{
    /// <exception cref="ArgumentException">A bad name, scope or key.</exception>
    /// <exception cref="InvalidOperationException">A token of that name exists (and <paramref name="replace"/> is false).</exception>
    public static async Task<TokenCreated> CreateAsync(IServiceStore store, TokenCreate create, bool replace, long now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(create);
        if (Validation.Name("token name", create.Name) is { } badName)
        {
            throw new ArgumentException(badName);
        }

        if (!TokenScopes.IsKnown(create.Scope))
        {
            throw new ArgumentException($"scope '{create.Scope}' is not admin or worker");
        }

        VerificationKey? key = null;
        if (create.PublicKeyPem is not null)
        {
            if (create.Scope != TokenScopes.Worker)
            {
                throw new ArgumentException("only a worker token has a public key");
            }

            try
            {
                key = VerificationKey.FromPem(create.PublicKeyPem, "the public key");
            }
            catch (KeyException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }

        var token = Auth.NewToken();
        await store.CreateTokenAsync(create.Name, create.Scope, Auth.Hash(token), key?.ExportPublicPem(), key?.KeyId, replace, now, cancel).ConfigureAwait(false);
        return new TokenCreated(create.Name, create.Scope, token, key?.KeyId);
    }
}
