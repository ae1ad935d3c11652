using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Tests;

/// <summary>What a worker tells the control plane over the worker hub: its profile on every connect, then its load.</summary>
public sealed class WorkerHubTests
{
    [Fact]
    public async Task A_worker_reports_its_measured_profile_and_service_overhead_with_its_key_and_then_heartbeats_its_load()
    {
        await using var controlPlane = await ControlPlaneHub.StartAsync();
        await using var worker = await RunningWorker.StartAsync(o => Connected(o, controlPlane));

        await controlPlane.Received.WaitUntilAsync(c => c.Profiles.Count == 1 && c.Heartbeats.Count >= 2, "a profile and two heartbeats");

        var (apiKey, profile) = Assert.Single(controlPlane.Received.Profiles);
        Assert.Equal(RunningWorker.ApiKey, apiKey);
        Assert.Equal((await worker.Slots.Ready).GigaMacsPerSecond, profile.GigaMacsPerSecond);
        Assert.Equal(1, profile.Slots);
        var timing = Assert.Single(profile.Variants);
        Assert.Equal(RunningWorker.Smallest.Name, timing.Variant);
        Assert.True(timing.MedianMs > 0);
        Assert.NotNull(profile.ServiceOverheadMs);
        Assert.Equal(await worker.ServiceOverhead, profile.ServiceOverheadMs);
        Assert.All(controlPlane.Received.Heartbeats, load => Assert.Equal(new Protocol.WorkerLoad(0, 0, 1), load));
    }

    [Fact]
    public async Task After_the_control_plane_restarts_the_worker_reconnects_and_reports_its_profile_again()
    {
        var first = await ControlPlaneHub.StartAsync();
        var url = first.Url;
        await using var worker = await RunningWorker.StartAsync(o => Connected(o, first));
        await first.Received.WaitUntilAsync(c => c.Profiles.Count == 1, "the first profile");

        await first.DisposeAsync();
        await using var restarted = await ControlPlaneHub.StartAsync(url.Port);

        await restarted.Received.WaitUntilAsync(c => c.Profiles.Count == 1 && !c.Heartbeats.IsEmpty, "the profile again after the restart, and a heartbeat");
    }

    private static WorkerOptions Connected(WorkerOptions options, ControlPlaneHub controlPlane) =>
        options with { Server = controlPlane.Url, HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
}
