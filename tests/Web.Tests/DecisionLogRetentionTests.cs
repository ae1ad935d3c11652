using EdgeControl.Data;
using EdgeControl.Web.Retention;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class DecisionLogRetentionTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task A_sweep_deletes_rows_received_before_the_retention_period_and_keeps_the_rest()
    {
        await using var app = CreateApp(retentionDays: "30", batchRows: "10000");
        using var client = app.CreateClient();
        var (node, _) = await DeviceRegistration.RegisterDeviceAsync(client);
        var now = DateTimeOffset.UtcNow;
        await InsertAsync(app, node, now.AddDays(-31), now.AddDays(-400), now.AddDays(-29), now.AddHours(-1), now);

        var deleted = await app.Services.GetRequiredService<DecisionLogRetention>().SweepAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal([2L, 3L, 4L], await SequencesAsync(app, node));
    }

    [Fact]
    public async Task A_sweep_deletes_in_batches_until_no_old_row_is_left()
    {
        await using var app = CreateApp(retentionDays: "7", batchRows: "2");
        using var client = app.CreateClient();
        var (node, _) = await DeviceRegistration.RegisterDeviceAsync(client);
        var now = DateTimeOffset.UtcNow;
        await InsertAsync(app, node, [.. Enumerable.Range(0, 7).Select(i => now.AddDays(-8 - i)), now]);

        var deleted = await app.Services.GetRequiredService<DecisionLogRetention>().SweepAsync(CancellationToken.None);

        Assert.Equal(7, deleted);
        Assert.Equal([7L], await SequencesAsync(app, node));
    }

    [Fact]
    public async Task The_service_sweeps_when_the_app_starts()
    {
        Guid node;
        var now = DateTimeOffset.UtcNow;
        await using (var first = CreateApp(retentionDays: "30", batchRows: "10000"))
        {
            using var client = first.CreateClient();
            (node, _) = await DeviceRegistration.RegisterDeviceAsync(client);
            // Inserted after this app's start-up sweep; the next app's sweep must find them.
            await InsertAsync(first, node, now.AddDays(-60), now);
            Assert.Equal([0L, 1L], await SequencesAsync(first, node));
        }

        await using var second = CreateApp(retentionDays: "30", batchRows: "10000");
        _ = second.Server;
        var kept = await Eventually.ReachesAsync(() => SequencesAsync(second, node), sequences => sequences.Count <= 1);
        Assert.Equal([1L], kept);
    }

    [Fact]
    public async Task A_sweep_deletes_worker_profiles_of_before_the_retention_period_but_keeps_the_one_in_force_then()
    {
        await using var app = CreateApp(retentionDays: "30", batchRows: "10000");
        using var client = app.CreateClient();
        var now = DateTimeOffset.UtcNow;
        var busy = await AddWorkerAsync(app, now.AddDays(-60), now.AddDays(-40), now.AddDays(-31), now.AddDays(-1));
        var quiet = await AddWorkerAsync(app, now.AddDays(-45));

        await app.Services.GetRequiredService<DecisionLogRetention>().SweepAsync(CancellationToken.None);

        // 31 days ago: in force 30 days ago, when the oldest request the log keeps may have been decided.
        Assert.Equal([31, 1], await ProfileAgesAsync(app, busy, now));
        Assert.Equal([45], await ProfileAgesAsync(app, quiet, now));
    }

    [Theory]
    [InlineData("DecisionLog:RetentionDays", "0", "DecisionLog:RetentionDays must be")]
    [InlineData("DecisionLog:RetentionSweepMinutes", "-1", "DecisionLog:RetentionSweepMinutes must be")]
    [InlineData("DecisionLog:RetentionBatchRows", "0", "DecisionLog:RetentionBatchRows must be")]
    public void A_setting_that_is_not_positive_stops_start_up_naming_it(string key, string value, string message)
    {
        using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private EdgeControlAppFactory CreateApp(string retentionDays, string batchRows) => new(fixture.ConnectionString, settings: new Dictionary<string, string?>
    {
        ["Devices:RegistrationToken"] = DeviceRegistration.Token,
        ["DecisionLog:RetentionDays"] = retentionDays,
        ["DecisionLog:RetentionBatchRows"] = batchRows,
    });

    /// <summary>One row per time, with sequences 0, 1, 2... in the order given.</summary>
    private static async Task InsertAsync(EdgeControlAppFactory app, Guid node, params DateTimeOffset[] receivedAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        db.DecisionLog.AddRange(receivedAt.Select((at, i) => new DecisionLogEntity
        {
            NodeId = node,
            Sequence = i,
            RequestId = $"r-{i}",
            Target = "edge-1",
            Variant = "mobilenet-0.5-160",
            LatencyMs = 40,
            EnergyJ = 0.5,
            Accuracy = 0.7,
            ObservedAt = at,
            ReceivedAt = at,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>An edge worker that reported a profile at each of <paramref name="reportedAt"/>.</summary>
    private static async Task<Guid> AddWorkerAsync(EdgeControlAppFactory app, params DateTimeOffset[] reportedAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var node = new NodeEntity { Id = Guid.NewGuid(), Name = $"w-{Guid.NewGuid():N}", Tier = NodeTiers.Edge, ProfileName = "edge-cpu" };
        db.Nodes.Add(node);
        db.WorkerProfiles.AddRange(reportedAt.Select(at => new WorkerProfileEntity { NodeId = node.Id, ReportedAt = at, Profile = """{"gigaMacsPerSecond": 20, "slots": 1, "variants": []}""" }));
        await db.SaveChangesAsync();
        return node.Id;
    }

    /// <summary>How many days before <paramref name="now"/> each of the worker's kept profiles was reported, oldest first.</summary>
    private static async Task<List<int>> ProfileAgesAsync(EdgeControlAppFactory app, Guid worker, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var reported = await db.WorkerProfiles.Where(p => p.NodeId == worker).OrderBy(p => p.ReportedAt).Select(p => p.ReportedAt).ToListAsync();
        return [.. reported.Select(at => (int)Math.Round((now - at).TotalDays))];
    }

    private static async Task<List<long>> SequencesAsync(EdgeControlAppFactory app, Guid node)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        return await db.DecisionLog.Where(d => d.NodeId == node).OrderBy(d => d.Sequence).Select(d => d.Sequence).ToListAsync();
    }
}
