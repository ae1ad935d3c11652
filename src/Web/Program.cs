using EdgeControl.Core.Buffers;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Api;
using EdgeControl.Web.ApiReference;
using EdgeControl.Web.Dashboard;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Extensions;
using EdgeControl.Web.Https;
using EdgeControl.Web.Observability;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;
using EdgeControl.Web.Workers;

// Before anything rents a buffer: the pool reads its size once (SharedBufferPool).
SharedBufferPool.Enlarge();

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.UseTransportSecurity();
app.UseExceptionHandler();
// Empty-bodied 4xx (404, 405, ...) become problem details for callers that accept JSON.
app.UseStatusCodePages();
// Before authentication: a cross-site or non-JSON state change is refused whoever sends it.
app.UseMiddleware<CrossSiteRequestGuard>();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<DeviceLogScope>();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseMiddleware<AntiforgeryRefusal>();
app.UseMiddleware<HubTransportRefusal>();

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
app.MapWorkers();
app.MapServingPolicyApi();
app.MapDashboard();

app.Run();

// No `public partial class Program;` here: the ASP.NET Core 10 SDK generates it, which is what
// WebApplicationFactory<Program> in tests/Web.Tests needs.
