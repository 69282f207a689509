using Microsoft.AspNetCore.Http;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Hosting;

/// <summary>The API's answers: JSON through the source-generated context, errors as <see cref="ApiError"/>.</summary>
public static class Api
{
    public static IResult Error(int status, string message) => Results.Json(new ApiError(status, message), ApiJson.Default.ApiError, statusCode: status);

    public static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, what + " not found");

    /// <summary>Writes an error to a response directly (middleware, rejections).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(status, message), ApiJson.Default.ApiError);
    }
}
