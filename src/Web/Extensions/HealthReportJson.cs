using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeControl.Web.Extensions;

/// <summary>
/// Writes a health report as JSON naming each check, so a failing probe says what failed
/// (<c>{"status": "Unhealthy", "checks": {"database": {"status": "Unhealthy", "description": "..."}}}</c>).
/// </summary>
internal static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
