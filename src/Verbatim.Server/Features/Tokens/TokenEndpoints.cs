using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Server.Hosting;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Tokens;

/// <summary><c>POST /api/v1/tokens</c> (admin): a new admin or worker token, optionally with the worker's public key.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tokens", CreateAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        return app;
    }

    private static async Task<IResult> CreateAsync(TokenCreate create, ServiceState state, HttpContext context)
    {
        var (_, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Admin).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            var created = await TokenIssuer.CreateAsync(state.Store, create, replace: false, state.Now(), context.RequestAborted).ConfigureAwait(false);
            return Results.Json(created, ApiJson.Default.TokenCreated, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Api.Error(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Api.Error(StatusCodes.Status409Conflict, e.Message);
        }
    }
}
