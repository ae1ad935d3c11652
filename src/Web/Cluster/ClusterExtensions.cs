using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Cluster;

internal static class ClusterExtensions
{
    public static void AddCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterOptions>()
            .BindConfiguration(ClusterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<TrainerLeaseOptions>()
            .BindConfiguration(ClusterOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrainerLeaseOptions>, TrainerLeaseOptionsValidator>();
        builder.Services.AddSingleton<TrainerLease>();
        builder.Services.AddSingleton<ClusterBus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterBus>());
    }
}
