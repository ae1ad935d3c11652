using EdgeControl.Cli.Logs;
using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Testbed;

/// <summary>The workers' profiles as the control plane stored them, for the testbed report's calibration.</summary>
internal static class WorkerProfileSource
{
    /// <summary>
    /// Every edge or cloud node's readable profiles by name over the run: from its history (worker_profiles) the one in
    /// force at <paramref name="since"/> and every later one; for a node without history rows (a database from before
    /// them) its latest stored profile (nodes.measured_profile, profiled_at) alone.
    /// </summary>
    /// <exception cref="DecisionLogException">The database cannot be reached or read; the message names --connection.</exception>
    public static async Task<WorkerProfileHistory> ReadAsync(string connectionString, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = since.ToUniversalTime();
        try
        {
            await using var db = DecisionLogDatabase.Open(connectionString);
            var workers = await db.Nodes.AsNoTracking()
                .Where(n => n.Tier == NodeTiers.Edge || n.Tier == NodeTiers.Cloud)
                .Select(n => new { n.Id, n.Name, n.MeasuredProfile, n.ProfiledAt })
                .ToListAsync(cancellationToken);
            var byServer = new Dictionary<string, IReadOnlyList<ReportedProfile>>(StringComparer.Ordinal);
            var latestOnly = new HashSet<string>(StringComparer.Ordinal);
            foreach (var worker in workers)
            {
                // Per worker (a handful), each query on the (node_id, reported_at) index.
                var inForceAtStart = await db.WorkerProfiles.AsNoTracking()
                    .Where(p => p.NodeId == worker.Id && p.ReportedAt < from)
                    .OrderByDescending(p => p.ReportedAt).ThenByDescending(p => p.Id)
                    .Select(p => new { p.ReportedAt, p.Profile })
                    .Take(1)
                    .ToListAsync(cancellationToken);
                var during = await db.WorkerProfiles.AsNoTracking()
                    .Where(p => p.NodeId == worker.Id && p.ReportedAt >= from)
                    .OrderBy(p => p.ReportedAt).ThenBy(p => p.Id)
                    .Select(p => new { p.ReportedAt, p.Profile })
                    .ToListAsync(cancellationToken);
                var history = inForceAtStart.Concat(during).ToList();
                if (history.Count > 0)
                {
                    byServer[worker.Name] = [.. history
                        .Select(p => (p.ReportedAt, Profile: SelfProfiles.Parse(p.Profile)))
                        .Where(p => p.Profile is not null)
                        .Select(p => new ReportedProfile(p.ReportedAt, p.Profile!))];
                }
                else if (SelfProfiles.Parse(worker.MeasuredProfile) is { } latest)
                {
                    byServer[worker.Name] = [new ReportedProfile(worker.ProfiledAt, latest)];
                    latestOnly.Add(worker.Name);
                }
            }

            return new WorkerProfileHistory(byServer, latestOnly);
        }
        catch (Exception error) when (DecisionLogDatabase.Describe(error, connectionString) is { } problem)
        {
            throw new DecisionLogException(problem, error);
        }
    }
}
