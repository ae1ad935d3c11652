using EdgeControl.Core.Logging;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// A database of the control plane's schema of its own on the real PostgreSQL server ./test.sh starts (exported in
/// ConnectionStrings__EdgeControl), dropped at the end: what <c>edgecontrol</c>'s commands that read the decision log run against.
/// </summary>
internal sealed class ControlPlaneDatabase : IAsyncDisposable
{
    private const string ConnectionStringVariable = "ConnectionStrings__EdgeControl";

    private ControlPlaneDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<ControlPlaneDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ConnectionStringVariable} is not set: run ./test.sh, which starts a throw-away PostgreSQL cluster and exports it.");
        var database = new ControlPlaneDatabase(new NpgsqlConnectionStringBuilder(server) { Database = $"edgecontrol_cli_test_{Guid.NewGuid():N}" }.ConnectionString);
        await using var db = database.Context();
        // The schema the control plane's migrations make, from the same model.
        await db.Database.EnsureCreatedAsync();
        return database;
    }

    public EdgeControlDbContext Context() =>
        new(new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>Stores <paramref name="rows"/> in the decision log as one device's reports.</summary>
    public async Task LogAsync(IEnumerable<LoggedDecision> rows)
    {
        await using var db = Context();
        var device = new NodeEntity { Id = Guid.NewGuid(), Name = $"device-{Guid.NewGuid():N}", Tier = NodeTiers.Device, ProfileName = "rpi4" };
        db.Nodes.Add(device);
        var sequence = 0;
        foreach (var row in rows)
        {
            sequence++;
            db.DecisionLog.Add(new DecisionLogEntity
            {
                NodeId = device.Id, Sequence = sequence, RequestId = $"r{sequence}", UserName = row.UserName, Target = row.Target, Variant = row.Variant,
                LatencyMs = row.LatencyMs, EnergyJ = row.EnergyJ, Accuracy = row.Accuracy, Reward = row.Reward, ObservedAt = row.ObservedAt,
                ReceivedAt = row.ObservedAt, Action = row.Action, ActionProbability = row.ActionProbability, ServedBy = row.ServedBy,
                UplinkMbps = row.UplinkMbps, RttEdgeMs = row.RttEdgeMs, RttCloudMs = row.RttCloudMs, LocalLoad = row.LocalLoad,
                NetworkCondition = row.NetworkCondition, ServerLoads = row.ServerLoads,
            });
        }

        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var db = Context();
        await db.Database.EnsureDeletedAsync();
    }
}
