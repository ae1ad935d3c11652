using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Web.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Outcomes stored in the decision log as the device hub stores them (one COPY, with each decision's context), for
/// tests of what follows the log: executed decisions on the twin's requests of the shipped scenario, by one device.
/// </summary>
internal static class LoggedOutcomes
{
    public static readonly Lazy<Scenario> Paper = new(() => ScenarioLoader.Load(Path.Combine(RepositoryRoot.Path, "scenarios", "paper-mobilenet.json")));

    /// <summary>
    /// Stores <paramref name="count"/> outcomes of device <paramref name="nodeId"/> from sequence
    /// <paramref name="firstSequence"/> on the shipped scenario, straight into the database (not through the app).
    /// </summary>
    public static Task WriteAsync(string connectionString, Guid nodeId, int count, long firstSequence) =>
        WriteAsync(connectionString, Rows(Paper.Value, nodeId, count, seed: (int)firstSequence, firstSequence));

    /// <summary>Stores <paramref name="rows"/> in one transaction (one COPY), straight into the database.</summary>
    public static async Task WriteAsync(string connectionString, IReadOnlyList<StagedOutcome> rows)
    {
        await using var db = Open(connectionString);
        var stored = await new DecisionLogWriter(db).AppendAsync(rows, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(rows.Count, stored.Stored);
    }

    /// <summary>A device row for outcomes to belong to.</summary>
    public static async Task<Guid> NewDeviceAsync(string connectionString)
    {
        var nodeId = Guid.NewGuid();
        await using var db = Open(connectionString);
        db.Nodes.Add(new NodeEntity { Id = nodeId, Name = $"device-{nodeId:N}", Tier = NodeTiers.Device, ProfileName = "rpi4", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return nodeId;
    }

    private static EdgeControlDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Outcomes of device <paramref name="nodeId"/> for the twin's requests from <paramref name="seed"/>, each with its decision's context.</summary>
    public static List<StagedOutcome> Rows(Scenario scenario, Guid nodeId, int count, int seed, long firstSequence)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed);
        var rows = new List<StagedOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            var action = i % twin.Actions.Count;
            var result = twin.Step(action);
            var placement = twin.Actions.Decode(action);
            var user = scenario.Users[request.User];
            var outcome = new ValidOutcome(
                firstSequence + i, $"r-{seed}-{firstSequence + i}", user.Name, placement.IsLocal ? "device" : scenario.Servers[placement.Server].Name,
                scenario.Catalog[placement.Variant].Name, result.Outcome.LatencyMs, result.Outcome.EnergyJ, result.Outcome.Accuracy, DateTimeOffset.UtcNow);
            var context = new DecisionContext(
                scenario.Name, action, 1, "learned", request.UplinkMbps, request.RttEdgeMs, request.RttCloudMs, request.LocalLoad,
                scenario.Conditions[request.NetworkCondition].Name, request.ServerLoads);
            rows.Add(new StagedOutcome(nodeId, outcome, result.Reward, context));
            request = result.Next;
        }

        return rows;
    }
}
