using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Server.Hosting;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Collections;

/// <summary>Collections: list (public), create (admin), figures per section, the history of each section, the "why" summary.</summary>
public static class CollectionEndpoints
{
    public static IEndpointRouteBuilder MapCollections(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/collections", ListAsync);
        app.MapPost("/api/v1/collections", CreateAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapGet("/api/v1/collections/{name}", GetAsync);
        app.MapGet("/api/v1/collections/{name}/why", WhyAsync);
        app.MapGet("/api/v1/collections/{name}/history", HistoryAsync);
        return app;
    }

    /// <summary>Every collection with its figures for <c>all</c>.</summary>
    public static async Task<List<CollectionSummary>> SummariesAsync(ServiceState state, CancellationToken cancel)
    {
        var summaries = new List<CollectionSummary>();
        foreach (var collection in await state.Store.CollectionsAsync(cancel).ConfigureAwait(false))
        {
            var figures = await state.Store.FiguresAsync(collection.Id, cancel).ConfigureAwait(false);
            summaries.Add(new CollectionSummary(collection.Name, collection.Ecosystem, collection.Description, figures[0]));
        }

        return summaries;
    }

    private static async Task<IResult> ListAsync(ServiceState state, HttpContext context) =>
        Results.Json(await SummariesAsync(state, context.RequestAborted).ConfigureAwait(false), ApiJson.Default.ListCollectionSummary);

    private static async Task<IResult> CreateAsync(CollectionCreate create, ServiceState state, HttpContext context)
    {
        var (_, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Admin).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if ((Validation.Name("collection name", create.Name) ?? Validation.Ecosystem(create.Ecosystem)) is { } invalid)
        {
            return Api.Error(StatusCodes.Status400BadRequest, invalid);
        }

        var created = await state.Store.CreateCollectionAsync(create, state.Now(), context.RequestAborted).ConfigureAwait(false);
        return created is null
            ? Api.Error(StatusCodes.Status409Conflict, $"a collection named '{create.Name}' exists")
            : Results.Json(new CollectionSummary(created.Name, created.Ecosystem, created.Description, new SectionFigures("all", 0, 0, 0, 0, 0, 0)),
                ApiJson.Default.CollectionSummary, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The collection's detail (figures per section, history of <c>all</c>), or null.</summary>
    public static async Task<CollectionDetail?> DetailAsync(ServiceState state, string name, string historySection, CancellationToken cancel)
    {
        var collection = await state.Store.FindCollectionAsync(name, cancel).ConfigureAwait(false);
        if (collection is null)
        {
            return null;
        }

        var figures = await state.Store.FiguresAsync(collection.Id, cancel).ConfigureAwait(false);
        var history = await state.Store.HistoryAsync(collection.Id, historySection, HistoryPoints, cancel).ConfigureAwait(false);
        return new CollectionDetail(collection.Name, collection.Ecosystem, collection.Description, figures, history);
    }

    private static async Task<IResult> GetAsync(string name, ServiceState state, HttpContext context) =>
        await DetailAsync(state, name, "all", context.RequestAborted).ConfigureAwait(false) is { } detail
            ? Results.Json(detail, ApiJson.Default.CollectionDetail)
            : Api.NotFound($"collection '{name}'");

    /// <summary>The most points of history a chart or an answer holds.</summary>
    public const int HistoryPoints = 200;

    /// <summary>Everything the collection's page shows: the detail, the "why" summary and the history of every section; null when there is no such collection.</summary>
    public static async Task<(CollectionDetail Detail, WhySummary Why, IReadOnlyList<SectionHistory> Histories)?> PageAsync(ServiceState state, string name, CancellationToken cancel)
    {
        var collection = await state.Store.FindCollectionAsync(name, cancel).ConfigureAwait(false);
        if (collection is null)
        {
            return null;
        }

        var figures = await state.Store.FiguresAsync(collection.Id, cancel).ConfigureAwait(false);
        var histories = new List<SectionHistory>();
        foreach (var section in figures)
        {
            histories.Add(new SectionHistory(collection.Name, section.Section, await state.Store.HistoryAsync(collection.Id, section.Section, HistoryPoints, cancel).ConfigureAwait(false)));
        }

        var causes = await state.Store.CausesAsync(collection.Id, cancel).ConfigureAwait(false);
        return (new CollectionDetail(collection.Name, collection.Ecosystem, collection.Description, figures, histories[0].Points),
            new WhySummary(collection.Name, figures[0].NotReproducible, causes), histories);
    }

    private static async Task<IResult> HistoryAsync(string name, string? section, ServiceState state, HttpContext context)
    {
        section = string.IsNullOrEmpty(section) ? "all" : section;
        var collection = await state.Store.FindCollectionAsync(name, context.RequestAborted).ConfigureAwait(false);
        return collection is null
            ? Api.NotFound($"collection '{name}'")
            : Results.Json(new SectionHistory(collection.Name, section, await state.Store.HistoryAsync(collection.Id, section, HistoryPoints, context.RequestAborted).ConfigureAwait(false)),
                ApiJson.Default.SectionHistory);
    }

    /// <summary>The collection's "why" summary, or null.</summary>
    public static async Task<WhySummary?> WhySummaryAsync(ServiceState state, string name, CancellationToken cancel)
    {
        var collection = await state.Store.FindCollectionAsync(name, cancel).ConfigureAwait(false);
        if (collection is null)
        {
            return null;
        }

        var figures = await state.Store.FiguresAsync(collection.Id, cancel).ConfigureAwait(false);
        var causes = await state.Store.CausesAsync(collection.Id, cancel).ConfigureAwait(false);
        return new WhySummary(collection.Name, figures[0].NotReproducible, causes);
    }

    private static async Task<IResult> WhyAsync(string name, ServiceState state, HttpContext context) =>
        await WhySummaryAsync(state, name, context.RequestAborted).ConfigureAwait(false) is { } why
            ? Results.Json(why, ApiJson.Default.WhySummary)
            : Api.NotFound($"collection '{name}'");
}
