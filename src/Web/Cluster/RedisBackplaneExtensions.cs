using EdgeControl.Web.Extensions;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeControl.Web.Cluster;

internal static class RedisBackplaneExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, every hub (devices, workers) sends through Redis, so a group message or
    /// a revocation reaches a connection on any instance. Blazor's circuits are not hubs of this kind: each stays on the
    /// instance that holds it (sticky sessions, docs/scale-out.md). Without it nothing changes.
    /// </summary>
    public static void AddRedisBackplane(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(RedisConnectionString.Name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var options = RedisConnectionString.Parse(connectionString);
        builder.Services.AddSingleton(services => new RedisConnection(options, services.GetRequiredService<ILogger<RedisConnection>>()));
        // Before the hubs listen: hosted services start in order, and all of them before the server.
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisConnection>());
        // The multiplexer connected at start-up (shared with the health check); its channel prefix applies to every
        // channel SignalR subscribes to.
        builder.Services.AddSignalR().AddStackExchangeRedis();
        builder.Services.AddOptions<RedisOptions>()
            .Configure<RedisConnection>((redis, connection) => redis.ConnectionFactory = _ => connection.Multiplexer);
        builder.Services.AddHealthChecks().AddCheck<RedisBackplaneCheck>("redis", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
    }
}
