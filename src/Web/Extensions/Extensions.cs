using EdgeControl.Web.Database;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        builder.AddTraining();
        builder.AddDevices();
        builder.AddTelemetry();
        builder.AddDeviceHub();
        builder.Services.AddProblemDetails();
    }
}
