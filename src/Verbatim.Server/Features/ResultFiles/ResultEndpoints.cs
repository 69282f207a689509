using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Server.Hosting;

namespace Verbatim.Server.Features.ResultFiles;

/// <summary>A result's documents: the signed attestation (DSSE JSON, downloadable), the build record, the HTML diff report.</summary>
public static class ResultEndpoints
{
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/results/{id:long}/attestation", AttestationAsync);
        app.MapGet("/api/v1/results/{id:long}/build-record", BuildRecordAsync);
        app.MapGet("/results/{id:long}/diff", DiffAsync);
        return app;
    }

    private static async Task<IResult> AttestationAsync(long id, ServiceState state, HttpContext context) =>
        await state.Store.DocumentsAsync(id, context.RequestAborted).ConfigureAwait(false) is { } documents
            ? Results.Text(documents.Attestation, "application/vnd.dsse.envelope.v1+json")
                .WithDownloadName(context, $"{documents.Package}_{documents.Version}.{id}.dsse.json")
            : Api.NotFound($"result {id}");

    private static async Task<IResult> BuildRecordAsync(long id, ServiceState state, HttpContext context) =>
        await state.Store.DocumentsAsync(id, context.RequestAborted).ConfigureAwait(false) is { BuildRecord: { } record }
            ? Results.Text(record, "application/json")
            : Api.NotFound($"build record of result {id}");

    private static async Task<IResult> DiffAsync(long id, ServiceState state, HttpContext context)
    {
        if (await state.Store.DocumentsAsync(id, context.RequestAborted).ConfigureAwait(false) is not { DiffHtml: { } html })
        {
            return Api.NotFound($"diff report of result {id}");
        }

        // The report is the worker's HTML: shown in a sandbox (no scripts, no forms, no same-origin access).
        context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        return Results.Text(html, "text/html; charset=utf-8");
    }

    private static IResult WithDownloadName(this IResult result, HttpContext context, string name)
    {
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name.Replace('"', '_')}\"";
        return result;
    }
}
