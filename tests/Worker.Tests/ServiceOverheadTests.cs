using EdgeControl.Worker.Execution;

namespace EdgeControl.Worker.Tests;

/// <summary>
/// The worker's per-request service overhead: measured at start by real requests to itself over its own HTTP stack
/// (each with a token it signs, taken once like a device's), reported as the time to answer beyond the compute.
/// </summary>
public sealed class ServiceOverheadTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Once_profiled_the_worker_measures_what_a_request_costs_beyond_its_compute_with_real_requests_to_itself()
    {
        var overhead = await fixture.Worker.ServiceOverhead.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(overhead);
        Assert.True(overhead > 0, $"an HTTP exchange takes time beyond the forward pass (measured {overhead} ms)");
        // One catalog variant in the test worker: its warm-up and timed requests, each a real POST with a token taken once.
        Assert.True(fixture.Worker.UsedRequestIds >= ServiceOverheadProbe.WarmUps + ServiceOverheadProbe.TimedRequests);
    }
}
