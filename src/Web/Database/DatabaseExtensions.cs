using EdgeControl.Data;
using EdgeControl.Web.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Database;

internal static class DatabaseExtensions
{
    /// <summary>The assembly that holds the migrations (see docs/architecture.md for why it is separate).</summary>
    private const string MigrationsAssembly = "EdgeControl.Migrations";

    public static void AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), DatabaseOptions.MissingConnectionStringMessage)
            .ValidateOnStart();

        // The connection string is read when the first context is built, not here, so configuration
        // added after this call (tests, other providers) still wins.
        builder.Services.AddDbContext<EdgeControlDbContext>((services, options) =>
            options.UseNpgsql(
                services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                // No EF retrying strategy: the background writers retry with the shared policy (DatabaseRetry), which
                // logs an outage once and never gives up, and a request answers 503 at once instead of hanging ~15 s.
                npgsql => npgsql.MigrationsAssembly(MigrationsAssembly)));

        builder.Services.AddHostedService<DatabaseMigrator>();

        builder.Services.AddHealthChecks().AddDbContextCheck<EdgeControlDbContext>(
            "database", tags: [HealthEndpoints.ReadyTag], customTestQuery: CanOpenConnectionAsync);
    }

    /// <summary>
    /// One plain connection attempt: a readiness probe must answer now.
    /// </summary>
    private static async Task<bool> CanOpenConnectionAsync(EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection(); // owned by the context: closed here, disposed with it
        await connection.OpenAsync(cancellationToken);
        await connection.CloseAsync();
        return true;
    }
}
