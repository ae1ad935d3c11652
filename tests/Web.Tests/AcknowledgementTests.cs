using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.DeviceHub;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// A device hears at once that its outcomes are settled, unless it heard less than DeviceHub:AcknowledgeAtMostEvery
/// (5 s, the default the fixture keeps) ago: then one acknowledgement covers everything settled meanwhile, when that
/// time has passed. Real hub connections, real PostgreSQL.
/// </summary>
public sealed class AcknowledgementTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    private static readonly TimeSpan AtMostEvery = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Outcomes_reported_soon_after_an_acknowledgement_are_covered_by_one_more_when_the_interval_has_passed()
    {
        await using var device = await ConnectDeviceAsync();
        var first = await device.DecideAsync("a-1");
        var second = await device.DecideAsync("a-2");
        var third = await device.DecideAsync("a-3");

        await device.ReportAsync(RawHubDevice.Outcome(1, first));
        var (_, heardFirst) = Assert.Single(device.Acknowledgements);
        await device.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { RawHubDevice.Outcome(2, second) });
        await device.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { RawHubDevice.Outcome(3, third) });

        await Eventually.HoldsAsync(() => device.AcknowledgedUpTo == 3);
        Assert.Equal([1, 3], device.Acknowledgements.Select(a => a.Sequence));
        // Put off, not sent at once (that would be milliseconds). Measured on the test's clock, where either message may
        // arrive late by a pause of this busy test process: half the interval leaves room for one.
        Assert.True(device.Acknowledgements.Last().At - heardFirst >= AtMostEvery / 2,
            $"the second acknowledgement came {(device.Acknowledgements.Last().At - heardFirst).TotalSeconds:0.00} s after the first");
    }

    [Fact]
    public async Task An_outcome_sent_again_after_its_acknowledgement_is_acknowledged_again()
    {
        await using var device = await ConnectDeviceAsync();
        var outcome = RawHubDevice.Outcome(1, await device.DecideAsync("b-1"));
        await device.ReportAsync(outcome);

        // The device did not hear it (a lost connection, say) and sends the same outcome again.
        await device.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { outcome });

        await Eventually.HoldsAsync(() => device.Acknowledgements.Count == 2);
        Assert.Equal([1, 1], device.Acknowledgements.Select(a => a.Sequence));
    }

    [Fact]
    public async Task A_device_that_is_done_is_forgotten_and_an_outcome_it_sends_again_is_still_stored_once_and_acknowledged()
    {
        var (id, connected) = await RegisterAndConnectAsync();
        await using var device = connected;
        var outcome = RawHubDevice.Outcome(1, await device.DecideAsync("c-1"));
        await device.ReportAsync(outcome);

        // Stored and acknowledged, then silent: once the interval has passed the batcher drops its entry for the device
        // (it holds one only for the devices of the last seconds, not for every device seen since start).
        var batcher = fixture.App.Services.GetRequiredService<OutcomeBatcher>();
        await Eventually.HoldsAsync(() => !batcher.Tracks(id));

        await device.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { outcome });

        await Eventually.HoldsAsync(() => device.Acknowledgements.Count == 2);
        Assert.Equal([1, 1], device.Acknowledgements.Select(a => a.Sequence));
        Assert.Single(await fixture.ReplayableRowsAsync(id));
    }

    [Fact]
    public async Task An_interval_past_the_device_agent_s_resend_stops_start_up_naming_the_setting()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Port=1;Database=unused",
            settings: new Dictionary<string, string?> { ["DeviceHub:AcknowledgeAtMostEvery"] = "00:00:30" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("DeviceHub:AcknowledgeAtMostEvery must be from 0 to 20 seconds", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<RawHubDevice> ConnectDeviceAsync() => (await RegisterAndConnectAsync()).Device;

    private async Task<(Guid Id, RawHubDevice Device)> RegisterAndConnectAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        return (id, await RawHubDevice.ConnectAsync(fixture.Address, apiKey, messagePack: true));
    }
}
