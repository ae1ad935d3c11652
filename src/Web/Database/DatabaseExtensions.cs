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
                npgsql => npgsql
                    .MigrationsAssembly(MigrationsAssembly)
                    // A database that is restarting or still starting (compose) should not fail a query or the start-up.
                    .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)));

        builder.Services.AddHostedService<DatabaseMigrator>();

        builder.Services.AddHealthChecks().AddDbContextCheck<EdgeControlDbContext>(
            "database", tags: [HealthEndpoints.ReadyTag], customTestQuery: CanOpenConnectionAsync);
    }

    /// <summary>
    /// One plain connection attempt. EF's CanConnectAsync goes through the retrying execution strategy
    /// and takes ~15 s to say no; a readiness probe must answer now.
    /// </summary>
    private static async Task<bool> CanOpenConnectionAsync(EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection(); // owned by the context: closed here, disposed with it
        await connection.OpenAsync(cancellationToken);
        await connection.CloseAsync();
        return true;
    }
}
