using EdgeControl.Cli.Logs;
using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Testbed;

/// <summary>The workers' profiles as the control plane stored them last (nodes.measured_profile, profiled_at), for the testbed report's calibration.</summary>
internal static class WorkerProfileSource
{
    /// <summary>
    /// Every edge or cloud node's readable profile by name as stored last (a worker reports its start-up self-profile,
    /// then its in-service one whenever it moved), and when it was reported.
    /// </summary>
    /// <exception cref="DecisionLogException">The database cannot be reached or read; the message names --connection.</exception>
    public static async Task<(IReadOnlyDictionary<string, WorkerProfile> Profiles, IReadOnlyDictionary<string, DateTimeOffset> ProfiledAt)> ReadAsync(
        string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = DecisionLogDatabase.Open(connectionString);
            var workers = await db.Nodes.AsNoTracking()
                .Where(n => n.Tier == NodeTiers.Edge || n.Tier == NodeTiers.Cloud)
                .Select(n => new { n.Name, n.MeasuredProfile, n.ProfiledAt })
                .ToListAsync(cancellationToken);
            var profiles = new Dictionary<string, WorkerProfile>(StringComparer.Ordinal);
            var profiledAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var worker in workers)
            {
                if (SelfProfiles.Parse(worker.MeasuredProfile) is { } profile)
                {
                    profiles[worker.Name] = profile;
                    if (worker.ProfiledAt is { } at)
                    {
                        profiledAt[worker.Name] = at;
                    }
                }
            }

            return (profiles, profiledAt);
        }
        catch (Exception error) when (DecisionLogDatabase.Describe(error, connectionString) is { } problem)
        {
            throw new DecisionLogException(problem, error);
        }
    }
}
