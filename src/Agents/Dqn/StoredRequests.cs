using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// The replay buffer's requests as plain values, not <see cref="Observation"/> objects. At fleet rate the buffer is
/// rewritten thousands of times a second; an array of references that old would make every young collection trace
/// each new request through it and promote it, so the control plane's collections took twice as long with a learner
/// that keeps its requests (docs/results/control-plane/bench-hub-3000.txt, section 15). A request is rebuilt when asked
/// for, with the same values, and dies young.
/// </summary>
internal sealed class StoredRequests
{
    private readonly Row[] _rows;
    private readonly int[] _serverLoads;
    private readonly int _servers;

    public StoredRequests(int capacity, int servers)
    {
        _rows = new Row[capacity];
        _serverLoads = new int[capacity * servers];
        _servers = servers;
    }

    public void Set(int index, Observation request)
    {
        _rows[index] = new Row(
            request.User, request.DeviceClass, request.NetworkCondition, request.UplinkMbps, request.RttEdgeMs, request.RttCloudMs,
            request.LocalLoad, request.AccuracyRequirement, request.SloMs, request.EnergyWeight, request.TimeSeconds);
        request.ServerLoads.AsSpan(0, _servers).CopyTo(_serverLoads.AsSpan(index * _servers, _servers));
    }

    public Observation Get(int index)
    {
        var r = _rows[index];
        return new Observation(
            r.User, r.DeviceClass, r.NetworkCondition, r.UplinkMbps, r.RttEdgeMs, r.RttCloudMs, r.LocalLoad,
            _serverLoads.AsSpan(index * _servers, _servers).ToArray(), r.AccuracyRequirement, r.SloMs, r.EnergyWeight, r.TimeSeconds);
    }

    private readonly record struct Row(
        int User,
        int DeviceClass,
        int NetworkCondition,
        double UplinkMbps,
        double RttEdgeMs,
        double RttCloudMs,
        int LocalLoad,
        double AccuracyRequirement,
        double SloMs,
        double EnergyWeight,
        double TimeSeconds);
}
