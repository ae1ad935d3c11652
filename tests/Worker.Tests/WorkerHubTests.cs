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
    public async Task A_change_of_load_is_reported_at_once_not_at_the_next_heartbeat()
    {
        await using var controlPlane = await ControlPlaneHub.StartAsync();
        var variant = RunningWorker.Largest;
        await using var worker = await RunningWorker.StartAsync(o => Connected(o, controlPlane) with
        {
            HeartbeatInterval = TimeSpan.FromMinutes(10), Catalog = [variant], QueueLength = 8, ProfileTimedPasses = 1,
        });
        await controlPlane.Received.WaitUntilAsync(c => !c.Heartbeats.IsEmpty, "the first heartbeat, on connect");

        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var responses = await Task.WhenAll(ids.Select(id => worker.InferAsync(worker.Token(id, variant), id, variant.Name, RunningWorker.Input(variant))));

        // With ten minutes between heartbeats, only reports of the changing load can show the busy worker and then the idle one.
        await controlPlane.Received.WaitUntilAsync(
            c => c.Heartbeats.Any(l => l.InFlight + l.Queued > 0) && c.Heartbeats.Last() == new Protocol.WorkerLoad(0, 0, 1), "the load while busy, then idle again");
        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
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
