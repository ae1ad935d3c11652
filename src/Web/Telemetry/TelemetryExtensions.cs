namespace EdgeControl.Web.Telemetry;

internal static class TelemetryExtensions
{
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DecisionLogWriter>();
    }
}
