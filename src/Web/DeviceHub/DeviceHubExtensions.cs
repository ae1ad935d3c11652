using EdgeControl.Protocol;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

internal static class DeviceHubExtensions
{
    // 500 outcomes of ~250 bytes in JSON; SignalR's default (32 KB) would cut a full report.
    private const long MaxMessageBytes = 256 * 1024;

    public static void AddDeviceHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceHubOptions>()
            .BindConfiguration(DeviceHubOptions.SectionName)
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "DeviceHub:HeartbeatInterval must be a positive time span (e.g. 00:00:05).")
            .Validate(o => o.MissedHeartbeats >= 1, "DeviceHub:MissedHeartbeats must be at least 1.")
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(10), "DeviceHub:FlushInterval must be positive and at most 10 seconds.")
            .Validate(o => o.MaxBatchRows is >= 1 and <= 100_000, "DeviceHub:MaxBatchRows must be between 1 and 100000.")
            .Validate(o => o.OutcomeQueueCapacity >= DeviceHubContract.MaxOutcomesPerReport, $"DeviceHub:OutcomeQueueCapacity must be at least {DeviceHubContract.MaxOutcomesPerReport} (one full report).")
            .Validate(o => o.LiveExperienceCapacity is >= 1 and <= 10_000_000, "DeviceHub:LiveExperienceCapacity must be between 1 and 10000000.")
            .Validate(o => o.PendingDecisionTimeout > TimeSpan.Zero, "DeviceHub:PendingDecisionTimeout must be a positive time span.")
            .ValidateOnStart();

        builder.Services.AddSignalR().AddHubOptions<DevicesHub>(options => options.MaximumReceiveMessageSize = MaxMessageBytes);
        builder.Services.AddSingleton<DeviceLiveness>();
        builder.Services.AddSingleton<PendingDecisions>();
        builder.Services.AddSingleton(services => new LiveExperiences(services.GetRequiredService<IOptions<DeviceHubOptions>>().Value.LiveExperienceCapacity));
        builder.Services.AddSingleton<ExecutedDecisions>();
        builder.Services.AddSingleton<OutcomeBatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutcomeBatcher>());
        builder.Services.AddHostedService<HeartbeatMonitor>();
    }

    public static WebApplication MapDeviceHub(this WebApplication app)
    {
        // The key is checked before SignalR sees the request, so a refused device gets a 401 and never a connection.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DeviceHubContract.Path, StringComparison.Ordinal),
            branch => branch.Use(DeviceKeyGate.InvokeAsync));
        app.MapHub<DevicesHub>(DeviceHubContract.Path);
        return app;
    }
}
