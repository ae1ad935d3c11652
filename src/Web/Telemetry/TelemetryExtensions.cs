namespace EdgeControl.Web.Telemetry;

internal static class TelemetryExtensions
{
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutcomeOptions>()
            .BindConfiguration(OutcomeOptions.SectionName)
            .Validate(o => o.DecisionWindow > TimeSpan.Zero, "Outcomes:DecisionWindow must be a positive time span (e.g. 00:15:00).")
            .Validate(o => o.MaxClockSkew > TimeSpan.Zero, "Outcomes:MaxClockSkew must be a positive time span (e.g. 00:05:00).")
            .Validate(o => double.IsFinite(o.MaxLatencyMs) && o.MaxLatencyMs > 0, "Outcomes:MaxLatencyMs must be a number of milliseconds > 0.")
            .Validate(o => double.IsFinite(o.MaxEnergyJ) && o.MaxEnergyJ > 0, "Outcomes:MaxEnergyJ must be a number of joules > 0.")
            .ValidateOnStart();
        builder.Services.AddScoped<DecisionLogWriter>();
        builder.Services.AddSingleton<OutcomeBounds>();
        builder.Services.AddSingleton<ReportedDecisions>();
        builder.Services.AddSingleton<OutcomeAdmission>();
        builder.Services.AddSingleton<ExecutedDecisions>();
        // After AddDatabase's migrator: hosted services start in the order they were added.
        builder.Services.AddHostedService<ReportedDecisionsLoader>();
    }
}
