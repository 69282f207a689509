using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Server.Features.Collections;
using Verbatim.Server.Features.Packages;
using Verbatim.Server.Hosting;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Dashboard;

/// <summary>The public dashboard: server-rendered HTML, no JavaScript, no external assets; the same data as the API.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", HomeAsync);
        app.MapGet("/collections/{name}", CollectionAsync);
        app.MapGet("/collections/{name}/packages", PackagesAsync);
        app.MapGet("/packages/{ecosystem}/{name}", PackageAsync);
        return app;
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", null, status);

    private static IResult Missing(string what) => Page(Html.Page("Not found", $"<h1>Not found</h1><p>{Html.E(what)}</p>"), StatusCodes.Status404NotFound);

    private static async Task<IResult> HomeAsync(ServiceState state, HttpContext context) =>
        Page(Pages.Home(await CollectionEndpoints.SummariesAsync(state, context.RequestAborted).ConfigureAwait(false)));

    private static async Task<IResult> CollectionAsync(string name, ServiceState state, HttpContext context)
    {
        var data = await CollectionEndpoints.PageAsync(state, name, context.RequestAborted).ConfigureAwait(false);
        return data is not { } page ? Missing($"no collection named '{name}'") : Page(Pages.Collection(page.Detail, page.Why, page.Histories));
    }

    private static async Task<IResult> PackagesAsync(string name, string? q, string? status, int? page, ServiceState state, HttpContext context)
    {
        status = PackageStatus.All.Contains(status ?? "") ? status : null;
        var collection = await state.Store.FindCollectionAsync(name, context.RequestAborted).ConfigureAwait(false);
        var list = collection is null ? null : await PackageEndpoints.PageAsync(state, collection, q, status, page ?? 1, context.RequestAborted).ConfigureAwait(false);
        return list is null ? Missing($"no collection named '{name}'") : Page(Pages.PackageList(list, collection!.Ecosystem));
    }

    private static async Task<IResult> PackageAsync(string ecosystem, string name, ServiceState state, HttpContext context)
    {
        var versions = await state.Store.PackageAsync(ecosystem, name, context.RequestAborted).ConfigureAwait(false);
        return versions.Count == 0 ? Missing($"no package '{name}' of ecosystem '{ecosystem}'") : Page(Pages.Package(new PackageDetail(ecosystem, name, versions)));
    }
}
