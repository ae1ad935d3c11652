using EdgeControl.Protocol;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// One device's bad outcome never blocks anyone's: a refused field rejects that outcome alone (by its sequence), and a
/// row the database refuses is isolated from its batch. Driven over a real hub connection and real PostgreSQL.
/// </summary>
public sealed class OutcomeRejectionTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    [Fact]
    public async Task A_row_the_database_refuses_is_rejected_alone_and_the_rest_of_its_batch_is_stored()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var (nodeId, _) = await DeviceRegistration.RegisterDeviceAsync(http);
        // Past every check in front of it, as a bug or a new path might let it: PostgreSQL refuses NUL in text (22021).
        var rows = Enumerable.Range(1, 9)
            .Select(i => new StagedOutcome(nodeId, Outcome(i, i == 6 ? "bad\0row" : $"r-{i}"), Reward: null))
            .ToList();

        AppendResult result;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DecisionLogWriter>().AppendAsync(rows, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Assert.Equal(8, result.Stored);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((nodeId, 6L), (rejected.NodeId, rejected.Sequence));
        Assert.StartsWith("22021", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3, 4, 5, 7, 8, 9], await StoredSequencesAsync(nodeId));
    }

    [Fact]
    public async Task An_outcome_with_a_control_character_is_rejected_by_sequence_and_the_rest_of_the_report_is_stored_and_acknowledged()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var (nodeId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var (_, neighbourKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        await using var device = await RawHubDevice.ConnectAsync(fixture.Address, apiKey);
        await using var neighbour = await RawHubDevice.ConnectAsync(fixture.Address, neighbourKey);
        var first = await device.DecideAsync("r-1");
        var third = await device.DecideAsync("r-3");
        var neighbours = await neighbour.DecideAsync("n-1");

        await device.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[]
        {
            RawHubDevice.Outcome(1, first), RawHubDevice.Outcome(2, first) with { RequestId = "poison\0r-2" }, RawHubDevice.Outcome(3, third),
        });
        await neighbour.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { RawHubDevice.Outcome(1, neighbours) });

        await Eventually.HoldsAsync(() => device.AcknowledgedUpTo == 3 && neighbour.AcknowledgedUpTo == 1);
        var (sequence, reason) = Assert.Single(device.Rejections);
        Assert.Equal(2, sequence);
        Assert.StartsWith("outcomes[1].requestId:", reason, StringComparison.Ordinal);
        Assert.Empty(neighbour.Rejections);
        Assert.Equal([1, 3], await StoredSequencesAsync(nodeId));

        // And an operator sees that some were.
        using var signedIn = new HttpClient { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(signedIn);
        Assert.Contains("outcomes rejected since start", await signedIn.GetStringAsync(new Uri("/devices", UriKind.Relative)), StringComparison.Ordinal);
    }

    private async Task<List<long>> StoredSequencesAsync(Guid nodeId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControl.Data.EdgeControlDbContext>();
        return await db.DecisionLog.Where(d => d.NodeId == nodeId).OrderBy(d => d.Sequence).Select(d => d.Sequence).ToListAsync();
    }

    private static ValidOutcome Outcome(long sequence, string requestId) =>
        new(sequence, requestId, "camera-1", "edge-1", "mobilenet-0.5-160", 42.5, 0.8, 0.71, DateTimeOffset.UtcNow);
}
