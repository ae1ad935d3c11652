using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using static EdgeControl.Cli.Tests.TestbedRows;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol testbed report</c> against real PostgreSQL (the server ./test.sh starts and exports in
/// ConnectionStrings__EdgeControl): a database of the control plane's schema with a device, a worker with its
/// self-profile, and decision-log rows.
/// </summary>
public sealed class TestbedReportDatabaseTests : IAsyncLifetime
{
    private ControlPlaneDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ControlPlaneDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_report_reads_the_runs_rows_and_the_workers_self_profile_from_the_database()
    {
        await AddEdgeWorkerAsync(gigaMacsPerSecond: 50, largestMs: 11.4, profiledAt: null);

        // One row before the run (not read), three edge rows of the learning phase (the calibration of the unit tests,
        // with the worker's 1.5 ms service overhead: 24.08 ms transfer + 1 ms RTT + 11.4 ms + 1.5 ms = 37.98 ms against
        // 40, 38 and 60 measured, median error 5% self-profiled; 20% published), then one learned and one greedy row.
        await _database.LogAsync(new[] { Edge(-10, 1000) }.Concat([Edge(50, 40), Edge(51, 38), Edge(52, 60), Local(101, 75, -0.5), Local(161, 75, -0.8, servedBy: "greedy")]));

        var windows = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(windows, "policy\tstart\tend\nlearned\t2026-12-06T18:01:40Z\t2026-12-06T18:02:10Z\nlocal\t2026-12-06T18:02:10Z\t2026-12-06T18:02:40Z\ngreedy\t2026-12-06T18:02:40Z\t2026-12-06T18:03:10Z\n");

            var result = EdgeControlProcess.Run("testbed", "report", "--connection", _database.ConnectionString, "--scenario", ScenarioPath,
                "--since", "2026-12-06T18:00:00Z", "--windows", windows);

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
            Assert.Contains("edge-1: self-profiled 50.0 GMAC/s x 1 slot(s) + 1.5 ms service overhead, published edge-cpu 25.0 GMAC/s x 2", result.Stdout, StringComparison.Ordinal);
            Assert.Equal(
                "testbed: 5 real requests, learned policy reward -0.50 vs best fixed -0.80 (greedy), twin latency error 5% (self-profiled) vs 20% (published)",
                result.Stdout.TrimEnd().Split('\n')[^1]);
        }
        finally
        {
            File.Delete(windows);
        }
    }

    [Fact]
    public async Task The_report_calibrates_each_request_with_the_profile_in_force_when_it_was_decided()
    {
        // edge-1's history: a profile replaced before the run, its start-up one 30 s before it, an in-service one at 55 s
        // (also on the node, as the latest).
        var edge = await AddEdgeWorkerAsync(gigaMacsPerSecond: 40, largestMs: 13.4, profiledAt: Start.AddSeconds(55));
        await AddHistoryAsync(edge, (-60, 10, 57), (-30, 50, 11.4), (55, 40, 13.4));

        // 24.08448 ms transfer + 1 ms RTT + 1.5 ms overhead + 11.4 ms (before 55 s) or 13.4 ms (after): 37.98 or 39.98 ms,
        // as measured. With the latest profile for all three, the first two would be 5% off.
        await _database.LogAsync([Edge(50, 37.98448), Edge(52, 37.98448), Edge(60, 39.98448)]);

        var result = EdgeControlProcess.Run("testbed", "report", "--connection", _database.ConnectionString, "--scenario", ScenarioPath, "--since", "2026-12-06T18:00:00Z");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("edge-1: self-profiled 2 profiles in force during the run, 40.0-50.0 GMAC/s (first 50.0, start-up, reported 17:59:30 UTC before the run; last 40.0, in service, reported 18:00:55 UTC) x 1 slot(s) + 1.5 ms service overhead",
            result.Stdout, StringComparison.Ordinal);
        Assert.Contains("its worker's profile in force when the request was decided", result.Stdout, StringComparison.Ordinal);
        // Published: 24.08448 + 1 + 569 / 25 = 47.84 ms, 26%, 26% and 20% off.
        Assert.EndsWith("twin latency error 0% (self-profiled) vs 26% (published)", result.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_profile_history_calibrates_with_the_latest_stored_profile_and_says_so()
    {
        // Only on the node, stored 55 s into the run (as before worker_profiles): it stands in for every request.
        await AddEdgeWorkerAsync(gigaMacsPerSecond: 40, largestMs: 13.4, profiledAt: Start.AddSeconds(55));

        // 24.08448 ms transfer + 1 ms RTT + 13.4 ms + 1.5 ms = 39.98 ms against 40 measured: 0% with the latest profile.
        await _database.LogAsync([Edge(50, 40), Edge(60, 40)]);

        var result = EdgeControlProcess.Run("testbed", "report", "--connection", _database.ConnectionString, "--scenario", ScenarioPath, "--since", "2026-12-06T18:00:00Z");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("edge-1: self-profiled 40.0 GMAC/s x 1 slot(s) + 1.5 ms service overhead (in service, reported 18:00:55 UTC)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("No profile history for edge-1 (a database from before worker_profiles): each one's latest stored profile (nodes.measured_profile) stands in for every request of the run", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("twin latency error 0% (self-profiled) vs 20% (published)", result.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_cannot_be_reached_exits_1_saying_so()
    {
        var result = EdgeControlProcess.Run("testbed", "report", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2",
            "--scenario", ScenarioPath, "--since", "2026-12-06T18:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read the decision log", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>edge-1 with a stored profile (<see cref="Profile"/>); its node id.</summary>
    private async Task<Guid> AddEdgeWorkerAsync(double gigaMacsPerSecond, double largestMs, DateTimeOffset? profiledAt)
    {
        await using var db = _database.Context();
        var node = new NodeEntity
        {
            Id = Guid.NewGuid(), Name = "edge-1", Tier = NodeTiers.Edge, ProfileName = "edge-cpu", Url = "http://10.77.0.1:7101",
            MeasuredProfile = Profile(gigaMacsPerSecond, largestMs), ProfiledAt = profiledAt,
        };
        db.Nodes.Add(node);
        await db.SaveChangesAsync();
        return node.Id;
    }

    /// <summary>The worker's history: each report <c>Seconds</c> after the run's start.</summary>
    private async Task AddHistoryAsync(Guid node, params (double Seconds, double GigaMacsPerSecond, double LargestMs)[] reports)
    {
        await using var db = _database.Context();
        db.WorkerProfiles.AddRange(reports.Select(r => new WorkerProfileEntity { NodeId = node, ReportedAt = Start.AddSeconds(r.Seconds), Profile = Profile(r.GigaMacsPerSecond, r.LargestMs) }));
        await db.SaveChangesAsync();
    }

    /// <summary>A worker's profile as the control plane stores it: the largest variant timed, and the 1.5 ms service overhead.</summary>
    private static string Profile(double gigaMacsPerSecond, double largestMs) =>
        JsonSerializer.Serialize(new WorkerProfile(gigaMacsPerSecond, 1, [new(Largest, largestMs)], ServiceOverheadMs: 1.5), JsonSerializerOptions.Web);
}
