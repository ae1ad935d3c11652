using EdgeControl.Protocol;

namespace EdgeControl.Cli.Testbed;

/// <summary>One profile a worker reported, and when the control plane received it (null where not stored).</summary>
internal sealed record ReportedProfile(DateTimeOffset? At, WorkerProfile Profile);

/// <summary>
/// The workers' profiles over time by server name, oldest first: each worker's history as the control plane kept it
/// (<c>worker_profiles</c>), or, for a worker without one (a database from before that table), its latest stored
/// profile alone (<c>nodes.measured_profile</c>), which then stands in for every instant.
/// </summary>
internal sealed class WorkerProfileHistory
{
    private readonly Dictionary<string, IReadOnlyList<ReportedProfile>> _byServer;

    /// <param name="byServer">Each worker's reports; sorted here by time.</param>
    /// <param name="latestOnly">The workers whose only profile is their latest stored one (no history rows).</param>
    public WorkerProfileHistory(IReadOnlyDictionary<string, IReadOnlyList<ReportedProfile>> byServer, IReadOnlySet<string> latestOnly)
    {
        ArgumentNullException.ThrowIfNull(byServer);
        ArgumentNullException.ThrowIfNull(latestOnly);
        _byServer = byServer.Where(e => e.Value.Count > 0).ToDictionary(
            e => e.Key, e => (IReadOnlyList<ReportedProfile>)[.. e.Value.OrderBy(p => p.At ?? DateTimeOffset.MinValue)], StringComparer.Ordinal);
        LatestOnly = latestOnly;
    }

    /// <summary>The workers' latest stored profiles only (no history): each one stands in for the whole run.</summary>
    public static WorkerProfileHistory Latest(IReadOnlyDictionary<string, WorkerProfile> profiles, IReadOnlyDictionary<string, DateTimeOffset>? profiledAt = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var byServer = profiles.ToDictionary(
            e => e.Key,
            e => (IReadOnlyList<ReportedProfile>)[new ReportedProfile(profiledAt is not null && profiledAt.TryGetValue(e.Key, out var at) ? at : null, e.Value)],
            StringComparer.Ordinal);
        return new WorkerProfileHistory(byServer, profiles.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The workers whose only profile is their latest stored one.</summary>
    public IReadOnlySet<string> LatestOnly { get; }

    /// <summary>The server's reports, oldest first; empty when it has none.</summary>
    public IReadOnlyList<ReportedProfile> Of(string server) => _byServer.TryGetValue(server, out var reports) ? reports : [];

    /// <summary>
    /// The index in <see cref="Of"/> of the profile in force at <paramref name="time"/>: the last reported at or before
    /// it, else the earliest (a request decided before the worker's first report stored here); -1 without any.
    /// </summary>
    public int InForceAt(string server, DateTimeOffset time)
    {
        var reports = Of(server);
        if (reports.Count == 0)
        {
            return -1;
        }

        var index = 0;
        for (var i = 1; i < reports.Count && reports[i].At <= time; i++)
        {
            index = i;
        }

        return index;
    }
}
