namespace EdgeControl.Web.Cluster;

internal static class ClusterExtensions
{
    public static void AddCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterOptions>()
            .BindConfiguration(ClusterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ClusterBus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterBus>());
    }
}
