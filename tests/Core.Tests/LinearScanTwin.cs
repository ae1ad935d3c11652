using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// The twin's event order as it was before the event queue, kept as the reference the queue is tested
/// against: the next arrival is found by scanning every user (the lowest index wins a tie), and every
/// node keeps an unordered list of completion times that is scanned at every request. Same physics,
/// same random draws in the same order; only the bookkeeping differs.
/// </summary>
internal sealed class LinearScanTwin(Scenario scenario)
{
    private readonly List<double>[] _onDevice = scenario.Users.Select(_ => new List<double>()).ToArray();
    private readonly List<double>[] _onServer = scenario.Servers.Select(_ => new List<double>()).ToArray();
    private readonly double[] _nextArrival = new double[scenario.Users.Count];
    private readonly int[] _condition = new int[scenario.Users.Count];
    private Xoshiro256 _rng = new(0);
    private double _now;
    private Observation? _pending;

    public Observation Reset(long seed)
    {
        _rng = new Xoshiro256(seed);
        _now = 0;
        foreach (var node in _onDevice.Concat(_onServer))
        {
            node.Clear();
        }

        for (var u = 0; u < scenario.Users.Count; u++)
        {
            _condition[u] = scenario.Users[u].Network is MarkovNetwork markov ? markov.InitialCondition : 0;
            _nextArrival[u] = _rng.NextExponential(scenario.Users[u].ArrivalRatePerSecond);
        }

        return _pending = NextRequest();
    }

    public StepResult Step(int actionIndex)
    {
        var request = _pending!;
        var action = new ActionSpace(scenario).Decode(actionIndex);
        var computeNoise = _rng.NextMeanOneLogNormal(scenario.MeasurementNoise);
        var drawnTransferNoise = _rng.NextMeanOneLogNormal(scenario.MeasurementNoise);
        var outcome = Physics.Execute(scenario, request, action, computeNoise, action.IsLocal ? 1.0 : drawnTransferNoise);
        var node = action.IsLocal ? _onDevice[request.User] : _onServer[action.Server];
        node.Add(_now + outcome.LatencyMs / 1000.0);
        _nextArrival[request.User] = _now + _rng.NextExponential(scenario.Users[request.User].ArrivalRatePerSecond);
        _pending = NextRequest();
        return new StepResult(outcome, Reward.Of(outcome, request, scenario.Reward), _pending);
    }

    private Observation NextRequest()
    {
        var u = 0;
        for (var i = 1; i < _nextArrival.Length; i++)
        {
            if (_nextArrival[i] < _nextArrival[u])
            {
                u = i;
            }
        }

        _now = _nextArrival[u];
        var user = scenario.Users[u];
        var conditionIndex = NextCondition(u, user.Network);
        var condition = scenario.Conditions[conditionIndex];
        _onDevice[u].RemoveAll(completesAt => completesAt <= _now);
        var serverLoads = new int[_onServer.Length];
        for (var s = 0; s < _onServer.Length; s++)
        {
            _onServer[s].RemoveAll(completesAt => completesAt <= _now);
            serverLoads[s] = _onServer[s].Count + _rng.NextPoisson(scenario.Servers[s].BackgroundLoad);
        }

        return new Observation(u, user.DeviceClass, conditionIndex, condition.UplinkMbps, condition.RttEdgeMs,
            condition.RttCloudMs, _onDevice[u].Count, serverLoads, user.AccuracyRequirement, user.SloMs,
            user.EnergyWeight, _now);
    }

    private int NextCondition(int u, NetworkDynamics network)
    {
        if (network is TraceNetwork trace)
        {
            var t = _now % trace.PeriodSeconds;
            for (var i = 0; i < trace.Seconds.Length; i++)
            {
                t -= trace.Seconds[i];
                if (t < 0)
                {
                    return _condition[u] = trace.Conditions[i];
                }
            }

            return _condition[u] = trace.Conditions[^1];
        }

        var row = ((MarkovNetwork)network).Transitions[_condition[u]];
        var draw = _rng.NextDouble();
        for (var c = 0; c < row.Length; c++)
        {
            draw -= row[c];
            if (draw < 0)
            {
                return _condition[u] = c;
            }
        }

        return _condition[u] = row.Length - 1;
    }
}
