using EdgeControl.DeviceAgent.Offload;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The round trips a device reports: measured against its workers once known, the twin's until then.</summary>
public sealed class RttProbeTests : IDisposable
{
    private readonly HttpClient _http = WorkerHttp.Create();
    private readonly StringWriter _log = new();

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task A_tier_has_no_measured_round_trip_until_its_worker_is_known_and_answered_a_ping_on_a_warm_connection()
    {
        await using var edge = await ContractWorker.StartAsync((_, id, _) => ContractWorker.Answer(id));
        var probe = new RttProbe(_http, _log);

        await probe.ProbeOnceAsync(CancellationToken.None);
        Assert.Null(probe.SmoothedMs("edge"));

        probe.Learn("edge", edge.Url);
        await probe.ProbeOnceAsync(CancellationToken.None);
        Assert.Null(probe.SmoothedMs("edge"));

        await probe.ProbeOnceAsync(CancellationToken.None);
        Assert.InRange(probe.SmoothedMs("edge")!.Value, double.Epsilon, 2000);
        Assert.Null(probe.SmoothedMs("cloud"));
    }

    [Fact]
    public async Task A_worker_that_stops_answering_pings_keeps_its_last_measured_round_trip_and_is_written_once()
    {
        var url = "";
        var probe = new RttProbe(_http, _log);
        await using (var edge = await ContractWorker.StartAsync((_, id, _) => ContractWorker.Answer(id)))
        {
            url = edge.Url;
            probe.Learn("edge", url);
            await probe.ProbeOnceAsync(CancellationToken.None);
            await probe.ProbeOnceAsync(CancellationToken.None);
        }

        var measured = probe.SmoothedMs("edge");
        await probe.ProbeOnceAsync(CancellationToken.None);
        await probe.ProbeOnceAsync(CancellationToken.None);

        Assert.NotNull(measured);
        Assert.Equal(measured, probe.SmoothedMs("edge"));
        Assert.Single(_log.ToString().Split('\n'), line => line.StartsWith($"ping to {url}:", StringComparison.Ordinal));
    }
}
