using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeControl.Web.Retention;

internal static class RetentionExtensions
{
    public static void AddDecisionLogRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DecisionLogOptions>()
            .BindConfiguration(DecisionLogOptions.SectionName)
            .Validate(o => o.RetentionDays > 0, "DecisionLog:RetentionDays must be a whole number of days greater than 0.")
            .Validate(o => o.RetentionSweepMinutes > 0, "DecisionLog:RetentionSweepMinutes must be a whole number of minutes greater than 0.")
            .Validate(o => o.RetentionBatchRows > 0, "DecisionLog:RetentionBatchRows must be a whole number of rows greater than 0.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // A singleton first, then the same instance as hosted service, so a sweep can also be run on demand.
        builder.Services.AddSingleton<DecisionLogRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DecisionLogRetention>());
    }
}
