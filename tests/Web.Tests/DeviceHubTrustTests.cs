using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// A device speaks only for itself over the hub: it gets decisions for its own users, and an outcome is stored and
/// learned from only when it answers, once, a decision issued to that device. Everything else is rejected by sequence
/// with the reason, never reaches <c>decision_log</c>, and never becomes a live experience for the learner.
/// </summary>
public sealed class DeviceHubTrustTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    [Fact]
    public async Task A_decision_for_a_user_the_device_does_not_host_is_refused_naming_requestContext_user()
    {
        await using var device = await ConnectAsync(users: ["phone-1"]);

        var refused = await Assert.ThrowsAsync<HubException>(() => device.Hub.DecideAsync("r-1", "camera-1"));

        // SignalR puts its own words before the hub's message.
        Assert.Contains("requestContext.user: 'camera-1' is not a user this device hosts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outcome_of_another_devices_decision_is_rejected_not_stored_and_not_learned_from()
    {
        await using var owner = await ConnectAsync();
        await using var other = await ConnectAsync();
        var decision = await owner.Hub.DecideAsync("r-1");

        await other.Hub.ReportAsync(RawHubDevice.Outcome(1, decision));

        Assert.StartsWith("outcomes[0].ticket: Not the ticket of a decision issued to this device", other.Hub.Rejections[1], StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(other.Id));
        Assert.Empty(await fixture.ReplayableRowsAsync(other.Id));
        // The decision is still its own device's to answer, and learned from once it does.
        await owner.Hub.ReportAsync(RawHubDevice.Outcome(1, decision));
        Assert.Empty(owner.Hub.Rejections);
        Assert.Single(await StoredAsync(owner.Id));
        Assert.Single(await fixture.ReplayableRowsAsync(owner.Id));
    }

    public static TheoryData<string, string> Forgeries => new()
    {
        { "user not hosted", "outcomes[0].user: 'inspector-1' is not a user this device hosts" },
        { "request id never issued", "outcomes[0].ticket: Not the ticket of a decision issued to this device" },
        { "variant changed", "outcomes[0].ticket: Not the ticket" },
        { "action changed", "outcomes[0].ticket: Not the ticket" },
        { "target changed", "outcomes[0].ticket: Not the ticket" },
        { "ticket altered", "outcomes[0].ticket: Not the ticket" },
        { "ticket forged", "outcomes[0].ticket: Not the ticket" },
        { "no ticket", "outcomes[0].ticket: The ticket of the decision" },
        { "observed in the year 1", "outcomes[0].observedAt: The time of the measurement must be within 5 minutes" },
        { "observed next year", "outcomes[0].observedAt: The time of the measurement must be within 5 minutes" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task An_outcome_that_does_not_answer_a_decision_issued_to_the_device_as_issued_is_rejected_naming_why_and_neither_stored_nor_learned_from(
        string forgery, string reason)
    {
        await using var device = await ConnectAsync();
        var decision = await device.Hub.DecideAsync("r-1");
        var honest = RawHubDevice.Outcome(1, decision);
        var ticket = decision.Ticket.ToCharArray();
        ticket[^5] = ticket[^5] == 'A' ? 'B' : 'A';
        var forged = forgery switch
        {
            "user not hosted" => honest with { User = "inspector-1" },
            "request id never issued" => honest with { RequestId = "never-issued" },
            "variant changed" => honest with { Variant = decision.Variant == "mobilenet_v1_1.0_224" ? "mobilenet_v1_0.25_128" : "mobilenet_v1_1.0_224" },
            "action changed" => honest with { Action = decision.Action + 1 },
            "target changed" => honest with { Target = decision.Target == "cloud-1" ? "edge-1" : "cloud-1" },
            "ticket altered" => honest with { Ticket = new string(ticket) },
            "ticket forged" => honest with { Ticket = "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp" },
            "no ticket" => honest with { Ticket = null },
            "observed in the year 1" => honest with { ObservedAt = DateTimeOffset.MinValue },
            "observed next year" => honest with { ObservedAt = DateTimeOffset.UtcNow.AddYears(1) },
            _ => throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null),
        };

        await device.Hub.ReportAsync(forged);

        Assert.StartsWith(reason, device.Hub.Rejections[1], StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(device.Id));
        Assert.Empty(await fixture.ReplayableRowsAsync(device.Id));
    }

    [Fact]
    public async Task A_second_report_under_another_sequence_is_rejected_and_a_re_send_under_the_same_sequence_is_stored_once_without_a_refusal()
    {
        await using var device = await ConnectAsync();
        var decision = await device.Hub.DecideAsync("r-1");
        await device.Hub.ReportAsync(RawHubDevice.Outcome(1, decision));

        await device.Hub.ReportAsync(RawHubDevice.Outcome(1, decision), RawHubDevice.Outcome(2, decision));

        Assert.Equal([2L], device.Hub.Rejections.Keys.Order());
        Assert.Equal("outcomes[1].requestId: The outcome of request 'r-1' was reported already (sequence 1).", device.Hub.Rejections[2]);
        Assert.Equal([1L], (await StoredAsync(device.Id)).Select(r => r.Sequence));
        Assert.Single(await fixture.ReplayableRowsAsync(device.Id));
    }

    private async Task<ConnectedDevice> ConnectAsync(IReadOnlyList<string>? users = null)
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http, users);
        return new ConnectedDevice(id, await RawHubDevice.ConnectAsync(fixture.Address, apiKey));
    }

    private async Task<List<DecisionLogEntity>> StoredAsync(Guid nodeId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>().DecisionLog.Where(d => d.NodeId == nodeId).ToListAsync();
    }

    private sealed record ConnectedDevice(Guid Id, RawHubDevice Hub) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }
}
