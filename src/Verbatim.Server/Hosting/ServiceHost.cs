using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verbatim.Server.Features.Collections;
using Verbatim.Server.Features.Dashboard;
using Verbatim.Server.Features.Jobs;
using Verbatim.Server.Features.Packages;
using Verbatim.Server.Features.ResultFiles;
using Microsoft.Extensions.Hosting;
using Verbatim.Server.Features.Tokens;
using Verbatim.Server.Storage;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Hosting;

/// <summary>
/// The server: Kestrel with minimal APIs (compiled by the request delegate generator, so it runs in the Native AOT
/// CLI), one MapXxx() per feature, the store migrated before it listens, a rate limiter on writes, bounded bodies,
/// JSON errors, and a history snapshot taken on a timer.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    public const string WritePolicy = "writes";

    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private Task? snapshots;

    private ServiceHost(WebApplication app, ServiceState state)
    {
        this.app = app;
        State = state;
    }

    public ServiceState State { get; }

    /// <summary>The addresses listened on (with the real port when 0 was asked).</summary>
    public IReadOnlyList<string> Urls => [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    /// <summary>Migrates the store, then starts listening. <paramref name="logging"/> chooses where the server logs (nowhere by default).</summary>
    public static async Task<ServiceHost> StartAsync(IServiceStore store, ServerOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        await store.MigrateAsync(cancel).ConfigureAwait(false);
        var state = new ServiceState(store, options, TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default));
        builder.Services.AddSingleton(state);
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(handlers => handlers.ThrowOnBadRequest = true);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = (rejected, _) => new ValueTask(Api.WriteErrorAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "too many writes; slow down and retry"));
            limiter.AddPolicy(WritePolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.WritesPerSecond * 2,
                    TokensPerPeriod = options.WritesPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"the request body is larger than {options.MaxRequestBytes} bytes"
                    : "bad request: " + e.Message.TrimEnd('.');
                await Api.WriteErrorAsync(context, e.StatusCode, message).ConfigureAwait(false);
            }
        });
        app.UseRateLimiter();
        app.MapCollections().MapPackages().MapJobs().MapResults().MapTokens().MapDashboard();
        app.MapFallback("/api/{**path}", (HttpContext context) => Api.Error(StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Method} {context.Request.Path}"));

        var host = new ServiceHost(app, state);
        await app.StartAsync(cancel).ConfigureAwait(false);
        host.snapshots = host.SnapshotLoopAsync();
        return host;
    }

    private async Task SnapshotLoopAsync()
    {
        using var timer = new PeriodicTimer(State.Options.HistoryEvery);
        try
        {
            do
            {
                try
                {
                    await State.Store.SnapshotAsync(State.Now(), stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    app.Logger.LogWarning("history snapshot failed: {Message}", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Waits until the host is stopped (or <paramref name="cancel"/> fires, which stops it).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel) => app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (snapshots is not null)
        {
            await snapshots.ConfigureAwait(false);
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
