using Npgsql;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>The real PostgreSQL server the tests run against, given by ./test.sh in the environment.</summary>
public static class PostgresServer
{
    public const string ConnectionStringVariable = "ConnectionStrings__EdgeControl";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set: run ./test.sh, which starts a throw-away PostgreSQL cluster and exports it.");

    /// <summary>Creates an empty database with a unique name on the server and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"edgecontrol_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        // FORCE ends sessions the app under test may still hold (PostgreSQL 13+).
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
