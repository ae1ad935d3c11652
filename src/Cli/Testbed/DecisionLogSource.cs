using EdgeControl.Core.Logging;
using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Testbed;

/// <summary>What the testbed report reads from the control plane's database: the run's decision-log rows and the workers' self-profiles.</summary>
internal sealed record TestbedData(IReadOnlyList<LoggedDecision> Rows, IReadOnlyDictionary<string, WorkerProfile> Profiles);

internal static class DecisionLogSource
{
    /// <summary>Rows observed at or after <paramref name="since"/>, oldest first, and every edge or cloud node's readable self-profile by name.</summary>
    public static async Task<TestbedData> ReadAsync(string connectionString, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new EdgeControlDbContext(options);
        var utc = since.ToUniversalTime();
        var rows = await db.DecisionLog.AsNoTracking()
            .Where(d => d.ObservedAt >= utc)
            .OrderBy(d => d.ObservedAt)
            .Select(d => new LoggedDecision(
                d.UserName, d.Target, d.Variant, d.LatencyMs, d.EnergyJ, d.Accuracy, d.Reward, d.ObservedAt,
                d.Action, d.ActionProbability, d.ServedBy, d.UplinkMbps, d.RttEdgeMs, d.RttCloudMs, d.LocalLoad, d.NetworkCondition, d.ServerLoads))
            .ToListAsync(cancellationToken);
        var workers = await db.Nodes.AsNoTracking()
            .Where(n => n.Tier == NodeTiers.Edge || n.Tier == NodeTiers.Cloud)
            .Select(n => new { n.Name, n.MeasuredProfile })
            .ToListAsync(cancellationToken);
        var profiles = new Dictionary<string, WorkerProfile>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            if (SelfProfiles.Parse(worker.MeasuredProfile) is { } profile)
            {
                profiles[worker.Name] = profile;
            }
        }

        return new TestbedData(rows, profiles);
    }
}
