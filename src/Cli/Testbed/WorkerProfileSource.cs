using EdgeControl.Cli.Logs;
using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Testbed;

/// <summary>The workers' self-profiles as the control plane stored them (nodes.measured_profile), for the testbed report's calibration.</summary>
internal static class WorkerProfileSource
{
    /// <summary>Every edge or cloud node's readable self-profile by name.</summary>
    /// <exception cref="DecisionLogException">The database cannot be reached or read; the message names --connection.</exception>
    public static async Task<IReadOnlyDictionary<string, WorkerProfile>> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = DecisionLogDatabase.Open(connectionString);
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

            return profiles;
        }
        catch (Exception error) when (DecisionLogDatabase.Describe(error, connectionString) is { } problem)
        {
            throw new DecisionLogException(problem, error);
        }
    }
}
