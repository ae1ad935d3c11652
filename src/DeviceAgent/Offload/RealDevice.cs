using EdgeControl.DeviceAgent.Inference;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// What <c>--real</c> adds to the simulated users: on-device placements run MobileNetV1 on this CPU, placements on a
/// server with a registered worker are sent to it (<see cref="WorkerOffload"/>), and the round trips the device reports
/// are measured (<see cref="RttProbe"/>). One HTTP client serves both offloads and pings.
/// </summary>
internal sealed class RealDevice : IDisposable
{
    private readonly HttpClient _http = WorkerHttp.Create();

    /// <param name="cpuShare">On-device passes as on this share of this machine's core (<c>--cpu-share</c>); 1 for this core.</param>
    public RealDevice(TextWriter log, double cpuShare = 1)
    {
        // One set of inputs: a request computed here and one sent to a worker see the same image.
        var inputs = new InputPatterns();
        Inference = new OnDeviceInference(inputs, cpuShare);
        Rtt = new RttProbe(_http, log);
        Offload = new WorkerOffload(_http, inputs, new OffloadCounters(), Rtt, log);
    }

    public OnDeviceInference Inference { get; }

    public WorkerOffload Offload { get; }

    public RttProbe Rtt { get; }

    public void Dispose()
    {
        Inference.Dispose();
        _http.Dispose();
    }
}
