namespace EdgeControl.Web.Cluster;

internal static class BackplaneExtensions
{
    /// <summary>
    /// What lets several instances serve as one: the shared Data Protection key ring (always), SignalR over Redis (when
    /// <c>ConnectionStrings:Redis</c> is set), and revocations and worker status relayed over the <see cref="ClusterBus"/>
    /// (always; with one instance nobody listens).
    /// </summary>
    public static void AddBackplane(this IHostApplicationBuilder builder)
    {
        builder.AddSharedKeyRing();
        builder.AddRedisBackplane();
        builder.Services.AddSingleton<NodeRevocations>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeRevocations>());
        builder.Services.AddSingleton<WorkerStatusRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkerStatusRelay>());
    }
}
