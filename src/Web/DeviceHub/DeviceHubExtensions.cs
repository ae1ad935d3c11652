using EdgeControl.Protocol;
using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

internal static class DeviceHubExtensions
{
    // 500 outcomes of ~250 bytes in JSON (less in MessagePack); SignalR's default (32 KB) would cut a full report.
    private const long MaxMessageBytes = 256 * 1024;

    // Well inside the device agent's ResendUnacknowledgedAfter (30 s), so a put-off acknowledgement never makes it re-send.
    private static readonly TimeSpan MaxAcknowledgeInterval = TimeSpan.FromSeconds(20);

    public static void AddDeviceHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceHubOptions>()
            .BindConfiguration(DeviceHubOptions.SectionName)
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "DeviceHub:HeartbeatInterval must be a positive time span (e.g. 00:00:05).")
            .Validate(o => o.MissedHeartbeats >= 1, "DeviceHub:MissedHeartbeats must be at least 1.")
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(10), "DeviceHub:FlushInterval must be positive and at most 10 seconds.")
            .Validate(o => o.AcknowledgeAtMostEvery >= TimeSpan.Zero && o.AcknowledgeAtMostEvery <= MaxAcknowledgeInterval,
                "DeviceHub:AcknowledgeAtMostEvery must be from 0 to 20 seconds (the device agent sends again what is unacknowledged after 30 s).")
            .Validate(o => o.MaxBatchRows is >= 1 and <= 100_000, "DeviceHub:MaxBatchRows must be between 1 and 100000.")
            .Validate(o => o.OutcomeQueueCapacity >= DeviceHubContract.MaxOutcomesPerReport, $"DeviceHub:OutcomeQueueCapacity must be at least {DeviceHubContract.MaxOutcomesPerReport} (one full report).")
            .Validate(o => o.PendingDecisionTimeout > TimeSpan.Zero, "DeviceHub:PendingDecisionTimeout must be a positive time span.")
            .Validate(o => o.MaxConnectionsPerDevice is >= 1 and <= 1000, "DeviceHub:MaxConnectionsPerDevice must be between 1 and 1000.")
            .ValidateOnStart();

        // Every hub's failed calls are logged by HubErrorLog: the dispatcher would log each as an error with a stack
        // trace. Its other entries are Debug and Trace, and one more error, a failed server-to-client stream, which
        // only Blazor's file download (DotNetStreamReference) uses and the dashboard does not.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        builder.Services.AddSingleton<HubErrorLog>();
        // MessagePack beside JSON: the C# device agent speaks it (smaller messages, and about half the server's
        // serializing work of JSON per round trip), browsers and scripts keep JSON; each connection picks its own.
        builder.Services.AddSignalR(options => options.AddFilter<HubErrorLog>()).AddMessagePackProtocol().AddHubOptions<DevicesHub>(options =>
        {
            options.MaximumReceiveMessageSize = MaxMessageBytes;
            options.AddFilter<RevokedDeviceGuard>();
        });
        builder.Services.AddSingleton<DeviceLiveness>();
        builder.Services.AddSingleton<DeviceConnections>();
        builder.Services.AddSingleton<RevokedDeviceGuard>();
        builder.Services.AddSingleton<DeviceConnectionLimit>();
        builder.Services.AddSingleton<OutcomeBatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutcomeBatcher>());
        builder.Services.AddHostedService<HeartbeatMonitor>();
    }

    public static WebApplication MapDeviceHub(this WebApplication app)
    {
        // After the authorization middleware, which answers a refused key 401 before SignalR sees the request.
        var limit = app.Services.GetRequiredService<DeviceConnectionLimit>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DeviceHubContract.Path, StringComparison.Ordinal),
            branch => branch.Use(limit.InvokeAsync));
        // WebSockets only: a connection is then one request for its whole life, which the limit counts.
        app.MapHub<DevicesHub>(DeviceHubContract.Path, options => options.Transports = HttpTransportType.WebSockets)
            .RequireAuthorization(DeviceKeyAuthentication.PolicyName);
        var connections = app.Services.GetRequiredService<DeviceConnections>();
        app.Lifetime.ApplicationStopping.Register(connections.CloseAll);
        return app;
    }
}
