using EdgeControl.Web.Accounts;
using EdgeControl.Web.ApiReference;
using EdgeControl.Web.Dashboard;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Extensions;
using EdgeControl.Web.Observability;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthEndpoints();
app.MapMetrics();
app.MapAccountsApi();
app.MapTrainingRunsApi();
app.MapDevicesApi();
app.MapTelemetryApi();
app.MapDecisionsApi();
app.MapTopologyApi();
app.MapApiReference();
app.MapDeviceHub();
app.MapDashboard();

app.Run();

// No `public partial class Program;` here: the ASP.NET Core 10 SDK generates it, which is what
// WebApplicationFactory<Program> in tests/Web.Tests needs.
