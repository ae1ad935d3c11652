using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.Workers;

internal static class WorkersExtensions
{
    public static void AddWorkers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new WorkerRegistry(services.GetRequiredService<DeviceLiveness>()));
        builder.Services.AddSingleton<WorkerDispatch>();
        // After AddDatabase's migrator: hosted services start in the order they were added.
        builder.Services.AddHostedService<WorkerRegistryLoader>();
        builder.Services.AddSignalR().AddHubOptions<WorkersHub>(options => options.AddFilter<RevokedDeviceGuard>());
    }

    public static WebApplication MapWorkers(this WebApplication app)
    {
        app.MapWorkersApi();
        app.MapHub<WorkersHub>(WorkerContract.HubPath, options => options.Transports = HttpTransportType.WebSockets)
            .RequireAuthorization(DeviceKeyAuthentication.WorkerPolicyName);
        return app;
    }
}
