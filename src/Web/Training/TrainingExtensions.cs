using EdgeControl.Web.Decisions;
using EdgeControl.Web.Extensions;
using EdgeControl.Web.Topology;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

internal static class TrainingExtensions
{
    public static void AddTraining(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrchestratorOptions>()
            .BindConfiguration(OrchestratorOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.ScenarioPath = Path.GetFullPath(options.ScenarioPath, environment.ContentRootPath);
                options.ScenariosDirectory = Path.GetFullPath(options.ScenariosDirectory, environment.ContentRootPath);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrchestratorOptions>, OrchestratorOptionsValidator>();

        builder.Services.AddSingleton<TrainingNotifier>();
        builder.Services.AddSingleton<TopologyTracker>();
        builder.Services.AddSingleton<DecisionService>();
        builder.Services.AddSingleton<TrainingRunStore>();
        builder.Services.AddSingleton<DecisionLogReader>();
        builder.Services.AddSingleton<DecisionLogStream>();
        builder.Services.AddSingleton<ScenarioCatalog>();
        // A singleton first, then the same instance as hosted service, so health checks and the dashboard can observe it.
        builder.Services.AddSingleton<TrainingRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TrainingRelay>());
        builder.Services.AddSingleton<Orchestrator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Orchestrator>());
        builder.Services.AddHostedService<ServingPolicyFollower>();

        builder.Services.AddHealthChecks().AddCheck<OrchestratorHealthCheck>("orchestrator", tags: [HealthEndpoints.TrainingTag]);
    }
}
