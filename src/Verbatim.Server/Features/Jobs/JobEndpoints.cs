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
        app.MapPost("/api/v1/jobs/results", ResultsAsync).RequireRateLimiting(ServiceHost.WritePolicy);
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

        if (token!.PublicKeyPem is null)
        {
            return Api.Error(StatusCodes.Status409Conflict, $"worker '{token.Name}' has no key registered");
        }

        var (checkedUpload, bad) = Check(id, upload, token, state);
        if (bad is not null)
        {
            return Api.Error(bad.Status, bad.Error!);
        }

        var outcome = await state.Store.RecordResultAsync(id, token.Name, token.KeyId!, checkedUpload!, state.Now(), context.RequestAborted).ConfigureAwait(false);
        var answer = Answer(id, outcome);
        return answer.Status == StatusCodes.Status201Created
            ? Results.Json(new ResultRecorded(outcome.ResultId, id), ApiJson.Default.ResultRecorded, statusCode: StatusCodes.Status201Created)
            : Api.Error(answer.Status, answer.Error!);
    }

    /// <summary>Many results of one worker: each checked on its own (its verdict, its signature by the worker's key), the valid ones recorded in one transaction.</summary>
    private static async Task<IResult> ResultsAsync(ResultBatch batch, ServiceState state, HttpContext context)
    {
        var (token, refusal) = await Auth.RequireAsync(context, state, TokenScopes.Worker).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (token!.PublicKeyPem is null)
        {
            return Api.Error(StatusCodes.Status409Conflict, $"worker '{token.Name}' has no key registered");
        }

        var items = batch.Results ?? [];
        if (items.Count > state.Options.MaxResultBatch)
        {
            return Api.Error(StatusCodes.Status400BadRequest, $"{items.Count} results in one batch; at most {state.Options.MaxResultBatch}");
        }

        var answers = new JobResultOutcome[items.Count];
        var valid = new List<(int Index, long JobId, ResultUpload Upload)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]?.Result is null)
            {
                answers[i] = new JobResultOutcome(items[i]?.JobId ?? 0, StatusCodes.Status400BadRequest, Error: "a batch entry needs a jobId and a result");
                continue;
            }

            var (upload, bad) = Check(items[i].JobId, items[i].Result, token, state);
            if (bad is not null)
            {
                answers[i] = bad;
            }
            else
            {
                valid.Add((i, items[i].JobId, upload!));
            }
        }

        if (valid.Count > 0)
        {
            var outcomes = await state.Store.RecordResultsAsync(token.Name, token.KeyId!, [.. valid.Select(v => (v.JobId, v.Upload))], state.Now(), context.RequestAborted).ConfigureAwait(false);
            for (var i = 0; i < valid.Count; i++)
            {
                answers[valid[i].Index] = Answer(valid[i].JobId, outcomes[i]);
            }
        }

        return Results.Json(new ResultBatchOutcome(answers), ApiJson.Default.ResultBatchOutcome);
    }

    /// <summary>The upload with its lists made non-null, or why it is refused (a bad verdict: 400; an attestation that does not verify against the worker's key or says something else: 422).</summary>
    private static (ResultUpload? Upload, JobResultOutcome? Refusal) Check(long id, ResultUpload upload, TokenRecord token, ServiceState state)
    {
        if (!VerdictNames.TryParse(upload.Verdict, out _))
        {
            return (null, new JobResultOutcome(id, StatusCodes.Status400BadRequest,
                Error: $"verdict '{upload.Verdict}' is not one of reproducible, equivalent-after-normalization, not-reproducible, build-failed"));
        }

        upload = upload with { Causes = upload.Causes ?? [], Normalizations = upload.Normalizations ?? [], LeaseId = upload.LeaseId ?? "", Attestation = upload.Attestation ?? "" };
        return ResultStatement.Check(id, upload, state.Key(token.KeyId!, token.PublicKeyPem!)) is { } bad
            ? (null, new JobResultOutcome(id, StatusCodes.Status422UnprocessableEntity, Error: $"job {id}: {bad}"))
            : (upload, null);
    }

    private static JobResultOutcome Answer(long id, RecordOutcome outcome) => outcome.Status switch
    {
        RecordStatus.Recorded => new JobResultOutcome(id, StatusCodes.Status201Created, outcome.ResultId),
        RecordStatus.NoSuchJob => new JobResultOutcome(id, StatusCodes.Status404NotFound, Error: $"job {id} not found"),
        _ => new JobResultOutcome(id, StatusCodes.Status409Conflict, Error: $"job {id}: the lease is not held by this worker (it expired or was taken over); the result is refused"),
    };

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
