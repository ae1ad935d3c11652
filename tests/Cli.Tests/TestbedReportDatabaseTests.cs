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
    public async Task The_report_calibrates_with_the_profile_the_worker_reported_last_and_says_it_came_from_served_passes()
    {
        // Stored 55 s into the run, after the start-up profile it replaced: the worker's in-service profile.
        await AddEdgeWorkerAsync(gigaMacsPerSecond: 40, largestMs: 13.4, profiledAt: Start.AddSeconds(55));

        // 24.08448 ms transfer + 1 ms RTT + 13.4 ms + 1.5 ms = 39.98 ms against 40 measured: 0% with the latest profile.
        await _database.LogAsync([Edge(50, 40), Edge(60, 40)]);

        var result = EdgeControlProcess.Run("testbed", "report", "--connection", _database.ConnectionString, "--scenario", ScenarioPath, "--since", "2026-12-06T18:00:00Z");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("edge-1: self-profiled 40.0 GMAC/s x 1 slot(s) + 1.5 ms service overhead (in service, reported 18:00:55 UTC)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("each worker's latest stored profile", result.Stdout, StringComparison.Ordinal);
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

    /// <summary>edge-1 with a stored profile: the largest variant timed, and the 1.5 ms service overhead.</summary>
    private async Task AddEdgeWorkerAsync(double gigaMacsPerSecond, double largestMs, DateTimeOffset? profiledAt)
    {
        await using var db = _database.Context();
        db.Nodes.Add(new NodeEntity
        {
            Id = Guid.NewGuid(), Name = "edge-1", Tier = NodeTiers.Edge, ProfileName = "edge-cpu", Url = "http://10.77.0.1:7101",
            MeasuredProfile = JsonSerializer.Serialize(new WorkerProfile(gigaMacsPerSecond, 1, [new(Largest, largestMs)], ServiceOverheadMs: 1.5), JsonSerializerOptions.Web),
            ProfiledAt = profiledAt,
        });
        await db.SaveChangesAsync();
    }
}
