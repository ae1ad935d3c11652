namespace EdgeControl.Web.Resilience;

internal static class ResilienceExtensions
{
    /// <summary>The database's availability and the one retry policy every background writer shares.</summary>
    public static void AddDatabaseResilience(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseAvailability>();
        builder.Services.AddSingleton<DatabaseRetry>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
    }
}
