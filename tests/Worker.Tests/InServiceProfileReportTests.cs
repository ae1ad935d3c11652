using System.Net;
using System.Net.Http.Json;
using EdgeControl.Protocol;
using EdgeControl.Worker.ControlPlane;

namespace EdgeControl.Worker.Tests;

/// <summary>
/// A worker's reported profile follows the speed of the passes it serves, not only the one it measured alone at start.
/// Its own collection, run alone in its assembly: the test loads every core on purpose and would slow whatever ran beside it.
/// </summary>
[Collection(nameof(InServiceProfileReportTests))]
[CollectionDefinition(nameof(InServiceProfileReportTests), DisableParallelization = true)]
public sealed class InServiceProfileReportTests
{
    /// <summary>Passes in the worker's in-service window (odd: its median is one served pass).</summary>
    private const int Window = 5;

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
            InServiceWindow = Window,
            ProfileReportEvery = TimeSpan.FromMilliseconds(100),
        });
        // The first report after it may come from the passes of the worker's own overhead probe, which fill its window
        // before the test's first request: faster or slower than start-up as the machine was then. So the test serves
        // until a slower one comes, not until the next one.
        await controlPlane.Received.WaitUntilAsync(c => !c.Profiles.IsEmpty, "the start-up profile");
        var startUp = controlPlane.Received.Profiles.First().Profile;
        var startUpMs = startUp.Variants.Single().MedianMs;
        bool IsSlower(WorkerProfile p) => p.GigaMacsPerSecond < startUp.GigaMacsPerSecond * (1 - ProfileFollower.MovedBy);

        // Threads that only spin: the worker's slot gets a fraction of a core, as on a shared machine. Other test
        // assemblies share the machine too, and may have slowed the start-up profile as much; so more spinners join
        // while the served passes are not clearly slower than at start.
        using var spinners = new Spinners();
        var served = new List<double>();
        for (var request = 0; request < 100 && !controlPlane.Received.Profiles.Any(p => IsSlower(p.Profile)); request++)
        {
            var windowDone = served.Count % Window == 0;
            var clearlySlower = served.Count > 0 && windowDone && Median(served[^Window..]) > startUpMs * 1.5;
            if (windowDone && !clearlySlower && spinners.Count < Environment.ProcessorCount * 32)
            {
                spinners.Add(Environment.ProcessorCount * 8);
            }

            var id = Guid.NewGuid().ToString("N");
            using var response = await worker.InferAsync(worker.Token(id, variant), id, variant.Name, RunningWorker.Input(variant));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add((await response.Content.ReadFromJsonAsync<InferenceAnswer>())!.ComputeMs);
        }

        await controlPlane.Received.WaitUntilAsync(c => c.Profiles.Any(p => IsSlower(p.Profile)), "a slower profile, from the slow passes");
        spinners.Dispose(); // before the asserts: a failing one would otherwise leave the spinners to the next test

        var (apiKey, slower) = controlPlane.Received.Profiles.First(p => IsSlower(p.Profile));
        Assert.Equal(RunningWorker.ApiKey, apiKey);
        Assert.True(slower.Variants.Single().MedianMs > startUpMs * (1 + ProfileFollower.MovedBy),
            $"in service {slower.Variants.Single().MedianMs:0.0} ms against {startUpMs:0.0} at start");
        Assert.Equal((startUp.Slots, startUp.ServiceOverheadMs), (slower.Slots, slower.ServiceOverheadMs));
    }

    private static double Median(IEnumerable<double> window) => window.Order().ElementAt(Window / 2);

    /// <summary>Background threads that spin until disposed.</summary>
    private sealed class Spinners : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Thread> _threads = [];
        private bool _stopped;

        public int Count => _threads.Count;

        public void Add(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var thread = new Thread(() => Spin(_stop.Token)) { IsBackground = true };
                thread.Start();
                _threads.Add(thread);
            }
        }

        public void Dispose()
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _stop.Cancel();
            _threads.ForEach(t => t.Join());
            _stop.Dispose();
        }

        private static void Spin(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        }
    }
}
