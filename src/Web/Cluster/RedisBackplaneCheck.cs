using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// Whether the Redis backplane answers a PING. Reported as degraded, not unhealthy: without Redis an instance still
/// serves the devices connected to it, and taking every instance out of the load balancer at once would be worse.
/// </summary>
internal sealed class RedisBackplaneCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!redis.Multiplexer.IsCompletedSuccessfully)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {redis.Where} has not answered yet.");
        }

        var multiplexer = await redis.Multiplexer;
        if (!multiplexer.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {redis.Where} is unreachable: devices on other instances miss this one's hub messages.");
        }

        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis at {redis.Where} answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception error) when (error is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {redis.Where} did not answer a PING: {error.Message}");
        }
    }
}
