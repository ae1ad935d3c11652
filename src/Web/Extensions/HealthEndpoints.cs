using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EdgeControl.Web.Extensions;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>Checks of the learning loop: not part of readiness, since the API serves whether or not it learns.</summary>
    public const string TrainingTag = "training";

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // Liveness: the process answers; no dependency is checked.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });

        // Readiness: every check tagged "ready" (the database) must pass.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        });

        app.MapHealthChecks("/health/training", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(TrainingTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        });

        return app;
    }
}
