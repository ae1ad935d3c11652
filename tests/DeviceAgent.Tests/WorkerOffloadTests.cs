using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// The real offload path against a real HTTP endpoint on loopback (<see cref="ContractWorker"/>): what is sent, what is
/// measured, and that every way of getting no answer is a lost request exactly as the twin loses one.
/// </summary>
public sealed class WorkerOffloadTests : IDisposable
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
    private readonly Core.Domain.ModelVariant _variant = PaperScenario.LargestVariant();

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task An_answer_reports_the_measured_latency_the_variants_top1_and_the_twins_energy_for_the_measured_times()
    {
        await using var worker = await ContractWorker.StartAsync(async (_, id, cancel) =>
        {
            // The worker's compute, as its answer reports it: the device must count it as waiting, not sending.
            await Task.Delay(50, cancel);
            return await ContractWorker.Answer(id, computeMs: 50);
        });

        var result = await OffloadAsync(worker.Url);

        Assert.Null(result.Failure);
        Assert.Equal(_variant.Top1, result.Outcome.Accuracy);
        Assert.InRange(result.Outcome.LatencyMs, 50, Physics.TimeoutMs(_camera));
        Assert.InRange(result.WrittenMs, double.Epsilon, result.SendingMs);
        Assert.InRange(result.SendingMs, result.WrittenMs, result.Outcome.LatencyMs - 50);
        Assert.Equal(
            Physics.OffloadEnergyJ(_camera, UplinkMbps, result.SendingMs, result.Outcome.LatencyMs - result.SendingMs), result.Outcome.EnergyJ);
        var (token, requestId, variant, body) = Assert.Single(worker.Received);
        Assert.Equal((ContractWorker.Token, "r-1", _variant.Name), (token, requestId, variant));
        Assert.Equal(InputPatterns.Draw(_variant.Resolution), body);
        Assert.Equal(1, _counters.Answered);
    }

    [Fact]
    public async Task An_offload_to_a_port_nobody_listens_on_is_lost_as_the_twin_loses_it()
    {
        var result = await OffloadAsync($"http://127.0.0.1:{StubHttpServer.FreePort()}");

        Assert.Equal(OffloadFailure.Refused, result.Failure);
        Assert.Equal(Physics.Lost(_camera, _variant, UplinkMbps), result.Outcome);
        Assert.Equal(Physics.TimeoutMs(_camera), result.Outcome.LatencyMs);
        Assert.Equal(0.0, result.Outcome.Accuracy);
        Assert.Equal(1, _counters.Lost(OffloadFailure.Refused));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_busy_worker_whose_retry_after_is_beyond_the_timeout_loses_the_request_after_one_attempt(int status)
    {
        // The timeout is 5 x 2 s: a 30 s wait cannot fit.
        await using var worker = await ContractWorker.StartAsync((_, _, _) => ContractWorker.Busy(status, retryAfterSeconds: 30));

        var result = await OffloadAsync(worker.Url);

        Assert.Equal(OffloadFailure.Busy, result.Failure);
        Assert.Equal(Physics.Lost(_camera, _variant, UplinkMbps), result.Outcome);
        Assert.Equal(1, worker.Attempts);
    }

    [Fact]
    public async Task A_busy_worker_is_asked_once_more_after_its_retry_after_when_that_fits_in_the_timeout()
    {
        await using var worker = await ContractWorker.StartAsync((attempt, id, _) =>
            attempt == 1 ? ContractWorker.Busy(429, retryAfterSeconds: 0) : ContractWorker.Answer(id));

        var result = await OffloadAsync(worker.Url);

        Assert.Null(result.Failure);
        Assert.Equal(_variant.Top1, result.Outcome.Accuracy);
        Assert.Equal(2, worker.Attempts);
    }

    [Fact]
    public async Task A_worker_that_stays_busy_is_asked_at_most_twice()
    {
        await using var worker = await ContractWorker.StartAsync((_, _, _) => ContractWorker.Busy(503, retryAfterSeconds: 0));

        var result = await OffloadAsync(worker.Url);

        Assert.Equal(OffloadFailure.Busy, result.Failure);
        Assert.Equal(2, worker.Attempts);
    }

    [Fact]
    public async Task A_refused_token_is_a_lost_request_written_once_per_worker_and_cause()
    {
        await using var worker = await ContractWorker.StartAsync((_, id, _) => ContractWorker.Answer(id));

        var first = await OffloadAsync(worker.Url, token: "forged");
        var second = await OffloadAsync(worker.Url, token: "forged");

        Assert.Equal(OffloadFailure.Unauthorized, first.Failure);
        Assert.Equal(Physics.Lost(_camera, _variant, UplinkMbps), second.Outcome);
        Assert.Equal(2, _counters.Lost(OffloadFailure.Unauthorized));
        Assert.Single(_log.ToString().Split('\n'), line => line.Contains("Unauthorized", StringComparison.Ordinal));
        Assert.Contains("2 lost (Unauthorized 2)", _counters.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_does_not_answer_within_the_timeout_loses_the_request()
    {
        await using var worker = await ContractWorker.StartAsync(async (_, id, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancel);
            return await ContractWorker.Answer(id);
        });

        var camera = PaperScenario.User("camera-1");

        var result = await OffloadAsync(worker.Url, user: camera);

        Assert.Equal(OffloadFailure.Timeout, result.Failure);
        Assert.Equal(1_000, result.Outcome.LatencyMs);
        Assert.Equal(Physics.Lost(camera, _variant, UplinkMbps), result.Outcome);
    }

    [Fact]
    public async Task A_worker_url_that_is_not_a_url_is_a_lost_request_not_a_crash()
    {
        var result = await OffloadAsync("edge-1:8080/no-scheme");

        Assert.Equal(OffloadFailure.Network, result.Failure);
        Assert.Contains("'edge-1:8080/no-scheme' is not an absolute http:// or https:// URL", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_for_another_request_is_not_taken_as_this_ones()
    {
        await using var worker = await ContractWorker.StartAsync((_, _, _) => ContractWorker.Answer("someone-else"));

        var result = await OffloadAsync(worker.Url);

        Assert.Equal(OffloadFailure.BadAnswer, result.Failure);
    }

    [Fact]
    public async Task The_agents_own_stop_reports_nothing()
    {
        await using var worker = await ContractWorker.StartAsync(async (_, id, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancel);
            return await ContractWorker.Answer(id);
        });
        using var stop = new CancellationTokenSource();
        var offload = new WorkerOffload(_http, new InputPatterns(), _counters, new RttProbe(_http, _log), _log);

        var running = offload.RunAsync(Command(worker.Url, ContractWorker.Token), _camera, _variant, UplinkMbps, stop.Token);
        await stop.CancelAsync();

        Assert.Null(await running);
    }

    private async Task<OffloadResult> OffloadAsync(string url, string token = ContractWorker.Token, Core.Domain.User? user = null)
    {
        var offload = new WorkerOffload(_http, new InputPatterns(), _counters, new RttProbe(_http, _log), _log);
        var result = await offload.RunAsync(Command(url, token), user ?? _camera, _variant, UplinkMbps, CancellationToken.None);
        return Assert.IsType<OffloadResult>(result);
    }

    private ExecuteCommand Command(string url, string token) =>
        new("r-1", _camera.Name, "edge-1", "edge", _variant.Name, Action: 3, Ticket: "ticket", WorkerUrl: url, WorkerToken: token);
}
