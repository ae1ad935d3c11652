using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class MigrationTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task Migrations_create_nodes_and_users_tables()
    {
        var tables = await QueryStringsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");

        Assert.Contains("nodes", tables);
        Assert.Contains("users", tables);
    }

    [Fact]
    public async Task Start_up_records_the_initial_migration()
    {
        var migrations = await QueryStringsAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"");

        Assert.Single(migrations, id => id.EndsWith("_InitialNodesAndUsers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrations_match_the_current_model()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: run dotnet ef migrations add (see README)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
