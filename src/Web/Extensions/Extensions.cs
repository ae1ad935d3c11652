using EdgeControl.Web.Accounts;
using EdgeControl.Web.Dashboard;
using EdgeControl.Web.Database;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        builder.AddAccounts();
        builder.AddTraining();
        builder.AddDevices();
        builder.AddTelemetry();
        builder.AddDashboard();
        builder.Services.AddProblemDetails();
    }
}
