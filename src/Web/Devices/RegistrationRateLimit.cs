using System.Globalization;
using System.Threading.RateLimiting;
using EdgeControl.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Devices;

/// <summary>
/// Limits <c>POST /api/v1/devices</c> to <see cref="DevicesOptions.RegistrationsPerMinute"/> per client IP (fixed
/// one-minute windows), so a leaked or guessed registration token cannot flood the nodes table; the rejected get
/// 429 problem details with Retry-After. A signed-in admin is not limited: the limit guards the shared token, and an
/// admin is accountable for what the account does.
/// </summary>
internal static class RegistrationRateLimit
{
    public const string PolicyName = "device-registration";

    public static void AddRegistrationRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, http =>
            {
                if (http.User.IsInRole(Roles.Admin))
                {
                    return RateLimitPartition.GetNoLimiter("admin");
                }

                var perMinute = http.RequestServices.GetRequiredService<IOptions<DevicesOptions>>().Value.RegistrationsPerMinute;
                // Behind a reverse proxy every client shares the proxy's address: configure forwarded headers there.
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var perMinute = http.RequestServices.GetRequiredService<IOptions<DevicesOptions>>().Value.RegistrationsPerMinute;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many registrations",
                        Detail = $"At most {perMinute} device registrations per minute are accepted from one client address; retry in {seconds} s.",
                    },
                });
            };
        });
    }
}
