using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Training;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry.Metrics;

namespace EdgeControl.Web.Observability;

/// <summary>
/// Metrics and logs for operators, after eShop's service defaults: OpenTelemetry with the app's meter, ASP.NET Core and
/// .NET runtime instrumentation, one exporter (Prometheus, at <c>/metrics</c>); JSON console logs outside Development.
/// </summary>
internal static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static void AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .Validate(
                o => o.ScrapeToken.Length == 0 || o.ScrapeToken.Length >= MetricsOptions.MinimumTokenLength,
                $"Metrics:ScrapeToken must be empty (admins only) or at least {MetricsOptions.MinimumTokenLength} characters long.")
            .ValidateOnStart();

        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line for log shippers; scopes carry the run id and the device's node id.
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.Services.AddSingleton(services => new EdgeControlMetrics(
            services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            services.GetRequiredService<TrainingNotifier>(),
            services.GetRequiredService<OutcomeBatcher>(),
            services.GetRequiredService<DecisionLogStream>(),
            services.GetRequiredService<DeviceConnections>(),
            services.GetRequiredService<DatabaseAvailability>(),
            services.GetRequiredService<Orchestrator>()));
        builder.Services.Configure<HubOptions<DevicesHub>>(o => o.AddFilter<HubInvocationTiming>());

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EdgeControlMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // Created now rather than at the first scrape, so the observable instruments exist from the start.
        app.Services.GetRequiredService<EdgeControlMetrics>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath,
            path: null,
            configureBranchedPipeline: branch => branch.Use(MetricsEndpointGate.InvokeAsync),
            optionsName: null);
        return app;
    }
}
