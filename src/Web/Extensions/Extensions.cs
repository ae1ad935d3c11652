using EdgeControl.Web.Accounts;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.ApiReference;
using EdgeControl.Web.Dashboard;
using EdgeControl.Web.Database;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Https;
using EdgeControl.Web.Observability;
using EdgeControl.Web.Production;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Retention;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;
using EdgeControl.Web.Workers;

namespace EdgeControl.Web.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        builder.AddDatabaseResilience();
        builder.AddCluster();
        builder.AddBackplane();
        builder.AddAccounts();
        builder.AddTraining();
        builder.AddDevices();
        builder.AddTelemetry();
        builder.AddDecisions();
        builder.AddRegistrationRateLimit();
        builder.AddDecisionLogRetention();
        builder.AddApiReference();
        builder.AddDeviceHub();
        builder.AddWorkers();
        builder.AddDashboard();
        builder.AddProductionSettingsChecks();
        builder.AddObservability();
        builder.AddTransportSecurity();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<EdgeControl.Web.Api.RequestBodyFaultHandler>();
    }
}
