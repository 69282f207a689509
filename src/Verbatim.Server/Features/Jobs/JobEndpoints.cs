using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verbatim.Common.Verdicts;
using Verbatim.Provenance;
using Verbatim.Server.Hosting;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Jobs;

/// <summary>
/// Jobs and leases (worker tokens): lease, renew, report a signed result or an infrastructure failure; a worker's key
/// registration. A result is accepted only from the worker holding the job's unexpired lease (else 409), and only
/// when its attestation verifies against that worker's registered key (else 422).
/// </summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/workers/register", RegisterAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapPost("/api/v1/jobs/lease", LeaseAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapPost("/api/v1/jobs/{id:long}/renew", RenewAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapPost("/api/v1/jobs/{id:long}/result", ResultAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapPost("/api/v1/jobs/{id:long}/fail", FailAsync).RequireRateLimiting(ServiceHost.WritePolicy);
        app.MapGet("/api/v1/jobs/{id:long}", GetAsync);
        return app;
    }

    private static async Task<IResult> RegisterAsync(WorkerRegister register, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        VerificationKey key;
        try
        {
            key = VerificationKey.FromPem(register.PublicKeyPem ?? "", "publicKeyPem");
        }
        catch (KeyException e)
        {
            return Api.Error(StatusCodes.Status400BadRequest, e.Message);
        }

        return await state.Store.RegisterKeyAsync(token!.Name, key.ExportPublicPem(), key.KeyId, context.RequestAborted).ConfigureAwait(false)
            ? Results.Json(new WorkerRegistered(token.Name, key.KeyId), ApiJson.Default.WorkerRegistered)
            : Api.Error(StatusCodes.Status409Conflict, $"worker '{token.Name}' has another key registered; create a new worker token for a new key");
    }

    private static async Task<IResult> LeaseAsync(LeaseRequest request, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (token!.KeyId is null)
        {
            return Api.Error(StatusCodes.Status409Conflict, $"worker '{token.Name}' has no key registered: POST /api/v1/workers/register first");
        }

        var ecosystems = (request.Ecosystems ?? []).Where(e => Validation.Ecosystem(e) is null).Distinct(StringComparer.Ordinal).ToList();
        var max = Math.Clamp(request.Max, 0, state.Options.MaxLeaseBatch);
        var jobs = await state.Store.LeaseAsync(token.Name, max, ecosystems, state.Now(), state.Options.Leases, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new LeaseResponse(jobs, (int)Math.Max(1, state.Options.Leases.RenewEvery.TotalSeconds)), ApiJson.Default.LeaseResponse);
    }

    private static async Task<IResult> RenewAsync(long id, LeaseRenew renew, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var expires = await state.Store.RenewAsync(id, renew.LeaseId ?? "", token!.Name, state.Now(), state.Options.Leases, context.RequestAborted).ConfigureAwait(false);
        return expires is { } at
            ? Results.Json(new LeaseRenewed(id, DateTimeOffset.FromUnixTimeMilliseconds(at)), ApiJson.Default.LeaseRenewed)
            : Api.Error(StatusCodes.Status409Conflict, $"job {id}: the lease is not held by this worker (it expired or was taken over)");
    }

    private static async Task<IResult> ResultAsync(long id, ResultUpload upload, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!VerdictNames.TryParse(upload.Verdict, out _))
        {
            return Api.Error(StatusCodes.Status400BadRequest, $"verdict '{upload.Verdict}' is not one of reproducible, equivalent-after-normalization, not-reproducible, build-failed");
        }

        if (token!.PublicKeyPem is null)
        {
            return Api.Error(StatusCodes.Status409Conflict, $"worker '{token.Name}' has no key registered");
        }

        upload = upload with { Causes = upload.Causes ?? [], Normalizations = upload.Normalizations ?? [] };
        if (ResultStatement.Check(id, upload, state.Key(token.KeyId!, token.PublicKeyPem)) is { } bad)
        {
            return Api.Error(StatusCodes.Status422UnprocessableEntity, $"job {id}: {bad}");
        }

        var outcome = await state.Store.RecordResultAsync(id, token.Name, token.KeyId!, upload, state.Now(), context.RequestAborted).ConfigureAwait(false);
        return outcome.Status switch
        {
            RecordStatus.Recorded => Results.Json(new ResultRecorded(outcome.ResultId, id), ApiJson.Default.ResultRecorded, statusCode: StatusCodes.Status201Created),
            RecordStatus.NoSuchJob => Api.NotFound($"job {id}"),
            _ => Api.Error(StatusCodes.Status409Conflict, $"job {id}: the lease is not held by this worker (it expired or was taken over); the result is refused"),
        };
    }

    private static async Task<IResult> FailAsync(long id, JobFailure failure, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var reason = string.IsNullOrWhiteSpace(failure.Reason) ? "no reason given" : failure.Reason.Length > 2000 ? failure.Reason[..2000] : failure.Reason;
        var failed = await state.Store.FailAsync(id, failure.LeaseId ?? "", token!.Name, reason, state.Now(), state.Options.Leases, context.RequestAborted).ConfigureAwait(false);
        return failed is not null
            ? Results.Json(failed, ApiJson.Default.JobFailed)
            : Api.Error(StatusCodes.Status409Conflict, $"job {id}: the lease is not held by this worker (it expired or was taken over)");
    }

    private static async Task<IResult> GetAsync(long id, ServiceState state, HttpContext context) =>
        await state.Store.JobAsync(id, context.RequestAborted).ConfigureAwait(false) is { } job
            ? Results.Json(job, ApiJson.Default.JobView)
            : Api.NotFound($"job {id}");
}
