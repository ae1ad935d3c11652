namespace EdgeControl.Web.Decisions;

internal static class DecisionsExtensions
{
    public static void AddDecisions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ObservationMapper>();
        builder.Services.AddSingleton<HostedUsers>();
        builder.Services.AddSingleton<DecisionTickets>();
        builder.Services.AddSingleton<PendingDecisions>();
        // After AddDatabase's migrator: hosted services start in the order they were added.
        builder.Services.AddHostedService<DecisionTicketKeyLoader>();
    }
}
