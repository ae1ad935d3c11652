using System.Net.Sockets;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EdgeControl.Cli.Logs;

/// <summary>The control plane's database as the command line opens it, and its failures as one sentence naming --connection.</summary>
internal static class DecisionLogDatabase
{
    public const string ConnectionOption = "--connection";

    public static EdgeControlDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>What is wrong with <paramref name="connectionString"/> as written, or null (for the option's parser).</summary>
    public static string? SyntaxProblem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
        {
            return $"is not a PostgreSQL connection string such as Host=127.0.0.1;Port=5433;Database=edgecontrol;Username=edgecontrol ({error.Message})";
        }
    }

    /// <summary>A database failure as one sentence naming --connection; null for what is not a database failure (a bug to surface).</summary>
    public static string? Describe(Exception error, string connectionString)
    {
        var where = Where(connectionString);
        var lead = $"option {ConnectionOption}: cannot read the decision log";
        return error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } =>
                $"{lead}: {where} has no decision_log table (is it the control plane's database, with its migrations applied?)",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => $"{lead}: {where} does not exist",
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } postgres =>
                $"{lead}: {where} refused the login ({postgres.MessageText})",
            PostgresException postgres => $"{lead}: {where} answered {postgres.SqlState} ({postgres.MessageText})",
            NpgsqlException { InnerException: SocketException socket } => $"{lead}: {where} cannot be reached ({socket.Message})",
            NpgsqlException { InnerException: TimeoutException } => $"{lead}: {where} did not answer in time",
            NpgsqlException npgsql => $"{lead}: {where} failed ({npgsql.Message})",
            InvalidOperationException { InnerException: NpgsqlException inner } => Describe(inner, connectionString),
            ArgumentException argument => $"option {ConnectionOption} {SyntaxProblem(connectionString) ?? argument.Message}",
            _ => null,
        };
    }

    /// <summary>The database and server a connection string names, without its password.</summary>
    private static string Where(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"the database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host ?? "localhost"}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "the database";
        }
    }
}
