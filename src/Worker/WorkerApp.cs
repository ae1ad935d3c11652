using EdgeControl.Protocol;
using EdgeControl.Worker.Api;
using EdgeControl.Worker.ControlPlane;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeControl.Worker;

/// <summary>
/// The worker's web app, built in-process from its options and identity: Kestrel on <see cref="WorkerOptions.Listen"/>
/// (HTTP/1.1, and HTTP/2 where negotiated), the inference slots with their self-profile, the measurement of its
/// per-request service overhead (<see cref="ServiceOverheadProbe"/>), the device endpoints, and, when
/// <see cref="WorkerOptions.Server"/> is set, the connection to the control plane's worker hub. Without a server it
/// serves alone with the identity it was given (tests; a worker whose control plane is elsewhere in the test).
/// </summary>
public static class WorkerApp
{
    public static WebApplication Build(WorkerOptions options, RegisteredWorker identity, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(output);
        // No command-line arguments for the host: the worker's own parser has read them (WorkerCommand).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(options.Listen.ToString());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // HTTP/2 where it can be negotiated (ALPN on a TLS endpoint). On a cleartext endpoint Kestrel serves HTTP/1.1 only
            // and refuses a prior-knowledge HTTP/2 connection with HTTP_1_1_REQUIRED (dotnet/aspnetcore#56984), so devices
            // speak HTTP/1.1 to a plain http:// worker; an Http2-only endpoint would refuse every HTTP/1.1 client instead.
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http1AndHttp2);
            // The largest input of the catalog; InputBody checks each request against its own variant.
            kestrel.Limits.MaxRequestBodySize = options.Catalog.Max(v => v.InputBytes) + 1;
        });

        var services = builder.Services;
        services.AddProblemDetails();
        services.AddSingleton(options);
        services.AddSingleton(identity);
        services.AddSingleton(output);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new WorkerKey(identity));
        services.AddSingleton(provider => new UsedRequestIds(options.UsedRequestIdCapacity, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InferenceSlots>();
        services.AddHostedService<ProfileReport>();
        services.AddSingleton<ServiceOverheadProbe>();
        services.AddHostedService(provider => provider.GetRequiredService<ServiceOverheadProbe>());
        if (options.Server is not null)
        {
            services.AddSingleton<ProfileFollower>();
            services.AddHostedService<WorkerHubConnection>();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapInferApi();
        return app;
    }
}
