using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Verbatim.Service.Contracts;

/// <summary>
/// The one typed client of the service's API (<c>/api/v1</c>), used by the worker, the CLI and the tests. Every
/// non-success answer becomes a <see cref="VerbatimApiException"/> carrying the server's JSON error.
/// </summary>
public sealed class VerbatimClient(HttpClient http, string? token = null)
{
    private static readonly ApiJson Json = ApiJson.Default;

    public HttpClient Http { get; } = http;

    public Task<List<CollectionSummary>> CollectionsAsync(CancellationToken cancel = default) =>
        GetAsync("api/v1/collections", Json.ListCollectionSummary, cancel);

    public Task<CollectionDetail> CollectionAsync(string name, CancellationToken cancel = default) =>
        GetAsync($"api/v1/collections/{Uri.EscapeDataString(name)}", Json.CollectionDetail, cancel);

    public Task<CollectionSummary> CreateCollectionAsync(CollectionCreate create, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, "api/v1/collections", create, Json.CollectionCreate, Json.CollectionSummary, cancel);

    public Task<PackagesAdded> AddPackagesAsync(string collection, PackagesAdd add, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/collections/{Uri.EscapeDataString(collection)}/packages", add, Json.PackagesAdd, Json.PackagesAdded, cancel);

    /// <summary>Imports an index (<c>debian-sources</c>, <c>debian-packages</c> or <c>list</c> of name=version lines) into a collection.</summary>
    public async Task<PackagesAdded> ImportAsync(string collection, string format, string text, string? section = null, string? priorities = null, CancellationToken cancel = default)
    {
        var query = $"format={Uri.EscapeDataString(format)}"
            + (section is null ? "" : $"&section={Uri.EscapeDataString(section)}")
            + (priorities is null ? "" : $"&priority={Uri.EscapeDataString(priorities)}");
        using var request = Request(HttpMethod.Post, $"api/v1/collections/{Uri.EscapeDataString(collection)}/import?{query}");
        request.Content = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        return await ReadAsync(request, Json.PackagesAdded, cancel).ConfigureAwait(false);
    }

    public Task<PackagePage> PackagesAsync(string collection, string? query = null, string? status = null, int page = 1, CancellationToken cancel = default) =>
        GetAsync($"api/v1/collections/{Uri.EscapeDataString(collection)}/packages?page={page}"
            + (query is null ? "" : $"&q={Uri.EscapeDataString(query)}") + (status is null ? "" : $"&status={Uri.EscapeDataString(status)}"), Json.PackagePage, cancel);

    public Task<SectionHistory> HistoryAsync(string collection, string section = "all", CancellationToken cancel = default) =>
        GetAsync($"api/v1/collections/{Uri.EscapeDataString(collection)}/history?section={Uri.EscapeDataString(section)}", Json.SectionHistory, cancel);

    public Task<WhySummary> WhyAsync(string collection, CancellationToken cancel = default) =>
        GetAsync($"api/v1/collections/{Uri.EscapeDataString(collection)}/why", Json.WhySummary, cancel);

    public Task<PackageDetail> PackageAsync(string ecosystem, string name, CancellationToken cancel = default) =>
        GetAsync($"api/v1/packages/{Uri.EscapeDataString(ecosystem)}/{Uri.EscapeDataString(name)}", Json.PackageDetail, cancel);

    public Task<JobView> JobAsync(long id, CancellationToken cancel = default) =>
        GetAsync($"api/v1/jobs/{id}", Json.JobView, cancel);

    public Task<LeaseResponse> LeaseAsync(LeaseRequest lease, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, "api/v1/jobs/lease", lease, Json.LeaseRequest, Json.LeaseResponse, cancel);

    public Task<LeaseRenewed> RenewAsync(long jobId, string leaseId, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/jobs/{jobId}/renew", new LeaseRenew(leaseId), Json.LeaseRenew, Json.LeaseRenewed, cancel);

    public Task<ResultRecorded> UploadResultAsync(long jobId, ResultUpload upload, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/jobs/{jobId}/result", upload, Json.ResultUpload, Json.ResultRecorded, cancel);

    /// <summary>Many results in one request; each is recorded or refused on its own (see each outcome's status).</summary>
    public Task<ResultBatchOutcome> UploadResultsAsync(ResultBatch batch, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, "api/v1/jobs/results", batch, Json.ResultBatch, Json.ResultBatchOutcome, cancel);

    public Task<JobFailed> FailAsync(long jobId, JobFailure failure, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/jobs/{jobId}/fail", failure, Json.JobFailure, Json.JobFailed, cancel);

    public Task<WorkerRegistered> RegisterAsync(WorkerRegister register, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, "api/v1/workers/register", register, Json.WorkerRegister, Json.WorkerRegistered, cancel);

    public Task<TokenCreated> CreateTokenAsync(TokenCreate create, CancellationToken cancel = default) =>
        SendAsync(HttpMethod.Post, "api/v1/tokens", create, Json.TokenCreate, Json.TokenCreated, cancel);

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var request = Request(HttpMethod.Get, path);
        return await ReadAsync(request, type, cancel).ConfigureAwait(false);
    }

    private async Task<TOut> SendAsync<TIn, TOut>(HttpMethod method, string path, TIn body, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output, CancellationToken cancel)
    {
        using var request = Request(method, path);
        request.Content = JsonContent.Create(body, input);
        return await ReadAsync(request, output, cancel).ConfigureAwait(false);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var response = await Http.SendAsync(request, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancel).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync(type, cancel).ConfigureAwait(false)
            ?? throw new VerbatimApiException(response.StatusCode, "the server answered with an empty body");
    }

    private static async Task<VerbatimApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        try
        {
            if (JsonSerializer.Deserialize(text, Json.ApiError) is { } error)
            {
                return new VerbatimApiException(response.StatusCode, error.Error);
            }
        }
        catch (JsonException)
        {
            // Not our error shape (a proxy's page, say): report the status and the start of the text.
        }

        return new VerbatimApiException(response.StatusCode, text.Length > 200 ? text[..200] : text);
    }
}

/// <summary>An answer of the API that is not a success: its status and the server's one-line error.</summary>
public sealed class VerbatimApiException(HttpStatusCode status, string error)
    : Exception($"{(int)status} {error}")
{
    public HttpStatusCode Status { get; } = status;

    public string Error { get; } = error;
}
