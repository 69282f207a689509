using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Server.Hosting;
using Verbatim.Server.Import;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Packages;

/// <summary>Packages: add (admin), import an index (admin), the paged searchable list, a package across collections.</summary>
public static class PackageEndpoints
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapPackages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/collections/{name}/packages", AddAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapPost("/api/v1/collections/{name}/import", ImportAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapGet("/api/v1/collections/{name}/packages", ListAsync);
        app.MapGet("/api/v1/packages/{ecosystem}/{name}", GetAsync);
        return app;
    }

    private static async Task<IResult> AddAsync(string name, PackagesAdd add, ServiceState state, HttpContext context)
    {
        var (collection, refusal) = await AdminCollectionAsync(name, state, context).ConfigureAwait(false);
        if (collection is null)
        {
            return refusal!;
        }

        foreach (var package in add.Packages ?? [])
        {
            var invalid = Validation.Token("package name", package.Name) ?? Validation.Token("version", package.Version)
                ?? (package.Sections ?? []).Select(s => Validation.Name("section", s)).FirstOrDefault(e => e is not null)
                ?? ((package.Sections ?? []).Contains("all") ? "section 'all' is implicit: every package is in it" : null);
            if (invalid is not null)
            {
                return Api.Error(StatusCodes.Status400BadRequest, invalid);
            }
        }

        return Results.Json(await state.Store.AddPackagesAsync(collection, add with { Packages = add.Packages ?? [] }, state.Now(), context.RequestAborted).ConfigureAwait(false), ApiJson.Default.PackagesAdded);
    }

    /// <summary>
    /// <c>?format=debian-sources|debian-packages|list[&amp;section=S[&amp;priority=P1,P2]]</c>, the index as the body:
    /// every package is added; with <c>section</c>, those whose priority is one of <c>priority</c> (all, without it) are put in that section.
    /// </summary>
    private static async Task<IResult> ImportAsync(string name, string? format, string? section, string? priority, ServiceState state, HttpContext context)
    {
        var (collection, refusal) = await AdminCollectionAsync(name, state, context).ConfigureAwait(false);
        if (collection is null)
        {
            return refusal!;
        }

        if (section is not null && (Validation.Name("section", section) ?? (section == "all" ? "section 'all' is implicit" : null)) is { } badSection)
        {
            return Api.Error(StatusCodes.Status400BadRequest, badSection);
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<ImportedPackage> imported;
        try
        {
            imported = PackageImport.Read(format ?? "list", text);
        }
        catch (FormatException e)
        {
            return Api.Error(StatusCodes.Status400BadRequest, $"the {format ?? "list"} index: {e.Message}");
        }

        var priorities = priority?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var packages = imported.Select(p => new PackageAdd(p.Name, p.Version,
            section is not null && (priorities is null || p.Priorities.Overlaps(priorities)) ? [section] : null)).ToList();
        if (packages.Select(p => Validation.Token("package name", p.Name) ?? Validation.Token("version", p.Version)).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return Api.Error(StatusCodes.Status400BadRequest, invalid);
        }

        return Results.Json(await state.Store.AddPackagesAsync(collection, new PackagesAdd(packages), state.Now(), context.RequestAborted).ConfigureAwait(false), ApiJson.Default.PackagesAdded);
    }

    /// <summary>A page of the collection's list, or null when there is no such collection.</summary>
    public static async Task<PackagePage?> PageAsync(ServiceState state, string name, string? query, string? status, int page, CancellationToken cancel)
    {
        var collection = await state.Store.FindCollectionAsync(name, cancel).ConfigureAwait(false);
        return collection is null ? null : await PageAsync(state, collection, query, status, page, cancel).ConfigureAwait(false);
    }

    /// <summary>A page of the collection's list.</summary>
    public static async Task<PackagePage> PageAsync(ServiceState state, Storage.CollectionRecord collection, string? query, string? status, int page, CancellationToken cancel)
    {
        page = Math.Max(1, page);
        status = string.IsNullOrEmpty(status) ? null : status;
        query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        var (total, rows) = await state.Store.PackagesAsync(collection.Id, query, status, (page - 1) * PageSize, PageSize, cancel).ConfigureAwait(false);
        return new PackagePage(collection.Name, query, status, page, PageSize, total, rows);
    }

    private static async Task<IResult> ListAsync(string name, string? q, string? status, int? page, ServiceState state, HttpContext context)
    {
        if (!string.IsNullOrEmpty(status) && !PackageStatus.All.Contains(status))
        {
            return Api.Error(StatusCodes.Status400BadRequest, $"status '{status}' is not one of {string.Join(", ", PackageStatus.All)}");
        }

        return await PageAsync(state, name, q, status, page ?? 1, context.RequestAborted).ConfigureAwait(false) is { } result
            ? Results.Json(result, ApiJson.Default.PackagePage)
            : Api.NotFound($"collection '{name}'");
    }

    private static async Task<IResult> GetAsync(string ecosystem, string name, ServiceState state, HttpContext context)
    {
        var versions = await state.Store.PackageAsync(ecosystem, name, context.RequestAborted).ConfigureAwait(false);
        return versions.Count == 0
            ? Api.NotFound($"package '{name}' of ecosystem '{ecosystem}'")
            : Results.Json(new PackageDetail(ecosystem, name, versions), ApiJson.Default.PackageDetail);
    }

    /// <summary>An admin's write to collection <paramref name="name"/>: the collection, or the answer refusing the request (401/403, or 404).</summary>
    private static async Task<(CollectionRecord? Collection, IResult? Refusal)> AdminCollectionAsync(string name, ServiceState state, HttpContext context)
    {
        var (_, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Admin).ConfigureAwait(false);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var collection = await state.Store.FindCollectionAsync(name, context.RequestAborted).ConfigureAwait(false);
        return collection is null ? (null, Api.NotFound($"collection '{name}'")) : (collection, null);
    }
}
