using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EdgeControl.Migrations;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the web host (which would
/// need TorchSharp and a connection string). Scaffolding never connects, so the placeholder is never used.
/// </summary>
public sealed class EdgeControlDbContextFactory : IDesignTimeDbContextFactory<EdgeControlDbContext>
{
    public EdgeControlDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EdgeControl")
            ?? "Host=127.0.0.1;Database=edgecontrol";
        var options = new DbContextOptionsBuilder<EdgeControlDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(EdgeControlDbContextFactory).Assembly.GetName().Name))
            .Options;
        return new EdgeControlDbContext(options);
    }
}
