using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Outcomes stored in the decision log as the device hub stores them (one COPY, with each decision's context), for
/// tests of what follows the log: executed decisions on the twin's requests of the app's scenario, by one device.
/// </summary>
internal static class LoggedOutcomes
{
    /// <summary>Stores <paramref name="count"/> outcomes of a new device (sequences 1..count); returns the device's id.</summary>
    public static async Task<Guid> WriteAsync(EdgeControlAppFactory app, int count, int seed = 5)
    {
        var scenario = ScenarioLoader.Load(app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath);
        var nodeId = await NewDeviceAsync(app);
        await WriteAsync(app, Rows(scenario, nodeId, count, seed, firstSequence: 1));
        return nodeId;
    }

    /// <summary>A device row for outcomes to belong to.</summary>
    public static async Task<Guid> NewDeviceAsync(EdgeControlAppFactory app)
    {
        var nodeId = Guid.NewGuid();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        db.Nodes.Add(new NodeEntity { Id = nodeId, Name = $"device-{nodeId:N}", Tier = NodeTiers.Device, ProfileName = "phone", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return nodeId;
    }

    public static async Task WriteAsync(EdgeControlAppFactory app, IReadOnlyList<StagedOutcome> rows)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<DecisionLogWriter>().AppendAsync(rows, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(rows.Count, stored.Stored);
    }

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
