using System.Net;
using EdgeControl.Worker.ControlPlane;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Tests;

/// <summary>
/// A worker's reported profile follows the speed of the passes it serves, not only the one it measured alone at start.
/// Its own collection, run alone: the test loads every core on purpose and would slow whatever ran beside it.
/// </summary>
[Collection(nameof(InServiceProfileReportTests))]
[CollectionDefinition(nameof(InServiceProfileReportTests), DisableParallelization = true)]
public sealed class InServiceProfileReportTests
{
    [Fact]
    public async Task A_worker_whose_passes_become_slower_reports_a_slower_profile_through_the_hub()
    {
        await using var controlPlane = await ControlPlaneHub.StartAsync();
        // The largest variant: tens of milliseconds a pass, so its slowdown is far above the clock's noise.
        var variant = RunningWorker.Largest;
        await using var worker = await RunningWorker.StartAsync(o => o with
        {
            Server = controlPlane.Url,
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            Catalog = [variant],
            InServiceWindow = 5,
            ProfileReportEvery = TimeSpan.FromMilliseconds(100),
        });
        await controlPlane.Received.WaitUntilAsync(c => c.Profiles.Count == 1, "the start-up profile");
        var startUp = controlPlane.Received.Profiles.Single().Profile;

        // Threads that only spin, several per core: the worker's slot gets a fraction of a core, as on a shared machine.
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 8)
            .Select(_ => new Thread(() => Spin(stop.Token)) { IsBackground = true, Priority = ThreadPriority.Normal })
            .ToList();
        spinners.ForEach(t => t.Start());
        try
        {
            for (var request = 0; request < 60 && controlPlane.Received.Profiles.Count == 1; request++)
            {
                var id = Guid.NewGuid().ToString("N");
                using var response = await worker.InferAsync(worker.Token(id, variant), id, variant.Name, RunningWorker.Input(variant));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await controlPlane.Received.WaitUntilAsync(c => c.Profiles.Count >= 2, "a second profile, from the slow passes");
        }
        finally
        {
            await stop.CancelAsync();
            spinners.ForEach(t => t.Join());
        }

        var (apiKey, slower) = controlPlane.Received.Profiles.Last();
        Assert.Equal(RunningWorker.ApiKey, apiKey);
        Assert.True(slower.GigaMacsPerSecond < startUp.GigaMacsPerSecond * (1 - ProfileFollower.MovedBy),
            $"in service {slower.GigaMacsPerSecond:0.00} GMAC/s against {startUp.GigaMacsPerSecond:0.00} at start");
        Assert.True(slower.Variants.Single().MedianMs > startUp.Variants.Single().MedianMs * (1 + ProfileFollower.MovedBy),
            $"in service {slower.Variants.Single().MedianMs:0.0} ms against {startUp.Variants.Single().MedianMs:0.0} at start");
        Assert.Equal((startUp.Slots, startUp.ServiceOverheadMs), (slower.Slots, slower.ServiceOverheadMs));
    }

    private static void Spin(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Thread.SpinWait(1000);
        }
    }
}
