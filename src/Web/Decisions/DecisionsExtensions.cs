namespace EdgeControl.Web.Decisions;

internal static class DecisionsExtensions
{
    public static void AddDecisions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ObservationMapper>();
    }
}
