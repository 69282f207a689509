using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Hosting;

/// <summary>
/// Bearer tokens: <c>vbt_</c> and 43 base64url characters (256 random bits), stored only as their SHA-256. Reading
/// is public; every write names the scope it needs (admin, or worker for the job endpoints).
/// </summary>
public static class Auth
{
    /// <summary>A new random token.</summary>
    public static string NewToken() => "vbt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The caller's token when it has <paramref name="scope"/>; else the 401 or 403 to answer.</summary>
    public static async Task<(TokenRecord? Token, IResult? Refusal)> RequireAsync(HttpContext context, ServiceState state, string scope)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length <= 7)
        {
            return (null, Api.Error(StatusCodes.Status401Unauthorized, "this request needs a token: Authorization: Bearer TOKEN"));
        }

        var token = await state.FindTokenAsync(Hash(header[7..].Trim()), context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return (null, Api.Error(StatusCodes.Status401Unauthorized, "the token is not known"));
        }

        return token.Scope == scope || (token.Scope == TokenScopes.Admin && scope != TokenScopes.Worker)
            ? (token, null)
            : (null, Api.Error(StatusCodes.Status403Forbidden, $"this request needs a token of scope '{scope}', not '{token.Scope}'"));
    }
}
