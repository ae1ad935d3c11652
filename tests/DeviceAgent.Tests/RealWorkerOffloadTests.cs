using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The device's offload path end to end against the real worker: real tokens, real inference, real refusals.</summary>
public sealed class RealWorkerOffloadTests(RealWorkerHost worker) : IClassFixture<RealWorkerHost>, IDisposable
{
    private const double UplinkMbps = 20;

    private readonly HttpClient _http = WorkerHttp.Create();
    private readonly StringWriter _log = new();
    private readonly OffloadCounters _counters = new();
    /// <summary>
    /// camera-1 with a 2 s SLO (a 10 s timeout), so a first request on a loaded machine (JIT, Kestrel's first request)
    /// cannot time out where an answer is under test; the timeout test uses the real one.
    /// </summary>
    private readonly Core.Domain.User _camera = PaperScenario.User("camera-1") with { SloMs = 2_000 };

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task A_valid_token_gets_a_real_inference_whose_latency_covers_the_workers_own_queue_and_compute()
    {
        var requestId = NewRequestId();

        var result = await OffloadAsync(Command(requestId, worker.Token(requestId)));

        Assert.Null(result.Failure);
        var answer = Assert.IsType<InferenceAnswer>(result.Answer);
        Assert.Equal(requestId, answer.RequestId);
        Assert.Equal(5, answer.Top5.Count);
        Assert.True(answer.ComputeMs > 0, "the worker computed nothing");
        Assert.InRange(result.WrittenMs, double.Epsilon, result.SendingMs);
        Assert.InRange(result.Outcome.LatencyMs, answer.QueueMs + answer.ComputeMs + result.SendingMs, Physics.TimeoutMs(_camera));
        Assert.Equal(worker.Variant.Top1, result.Outcome.Accuracy);
        Assert.Equal(
            Physics.OffloadEnergyJ(_camera, UplinkMbps, result.SendingMs, result.Outcome.LatencyMs - result.SendingMs), result.Outcome.EnergyJ);
    }

    [Fact]
    public async Task A_token_used_once_already_is_refused_and_the_request_lost()
    {
        var requestId = NewRequestId();
        var command = Command(requestId, worker.Token(requestId));
        Assert.Null((await OffloadAsync(command)).Failure);

        var again = await OffloadAsync(command);

        Assert.Equal(OffloadFailure.Unauthorized, again.Failure);
        Assert.Equal(Physics.Lost(_camera, worker.Variant, UplinkMbps), again.Outcome);
    }

    [Fact]
    public async Task A_token_for_another_worker_is_refused_and_the_request_lost()
    {
        var requestId = NewRequestId();

        var result = await OffloadAsync(Command(requestId, worker.Token(requestId, worker: "cloud-1")));

        Assert.Equal(OffloadFailure.Unauthorized, result.Failure);
    }

    [Fact]
    public async Task The_device_measures_its_round_trip_to_the_real_worker()
    {
        var probe = new RttProbe(_http, _log);
        probe.Learn("edge", worker.Url);

        await probe.ProbeOnceAsync(CancellationToken.None);
        await probe.ProbeOnceAsync(CancellationToken.None);

        Assert.InRange(probe.SmoothedMs("edge")!.Value, double.Epsilon, 2000);
    }

    private static string NewRequestId() => $"r-{Guid.NewGuid():N}";

    private async Task<OffloadResult> OffloadAsync(ExecuteCommand command)
    {
        var offload = new WorkerOffload(_http, new InputPatterns(), _counters, new RttProbe(_http, _log), _log);
        return Assert.IsType<OffloadResult>(await offload.RunAsync(command, _camera, worker.Variant, UplinkMbps, CancellationToken.None));
    }

    private ExecuteCommand Command(string requestId, string token) =>
        new(requestId, _camera.Name, "edge-1", "edge", worker.Variant.Name, Action: 3, Ticket: "ticket", WorkerUrl: worker.Url, WorkerToken: token);
}
