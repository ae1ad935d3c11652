using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// The digital twin of a multi-user end-edge-cloud network, Gym-style: one step is one inference
/// request of one user. Requests arrive over time (Poisson per user), and a request placed on a
/// node occupies it until it completes, so every placement shapes the load later requests see.
/// Seeded and deterministic; not thread-safe (one twin per thread).
/// </summary>
public sealed class EdgeCloudTwin
{
    private readonly Scenario _scenario;
    private readonly ActionSpace _actions;
    private readonly InFlightRequests[] _onDevice;
    private readonly InFlightRequests[] _onServer;
    private readonly double[] _nextArrival;
    private readonly int[] _condition;
    private Xoshiro256 _rng = new(0);
    private double _now;
    private Observation? _pending;

    public EdgeCloudTwin(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        _onDevice = scenario.Users.Select(_ => new InFlightRequests()).ToArray();
        _onServer = scenario.Servers.Select(_ => new InFlightRequests()).ToArray();
        _nextArrival = new double[scenario.Users.Count];
        _condition = new int[scenario.Users.Count];
    }

    public Scenario Scenario => _scenario;

    public ActionSpace Actions => _actions;

    /// <summary>The pending request; <see cref="Reset"/> must be called first.</summary>
    public Observation Current => _pending ?? throw new InvalidOperationException("Call Reset(seed) before using the twin.");

    /// <summary>Empties every node and starts a new trajectory; returns the first request.</summary>
    public Observation Reset(long seed)
    {
        _rng = new Xoshiro256(seed);
        _now = 0;
        foreach (var node in _onDevice)
        {
            node.Clear();
        }

        foreach (var node in _onServer)
        {
            node.Clear();
        }

        for (var u = 0; u < _scenario.Users.Count; u++)
        {
            var user = _scenario.Users[u];
            _condition[u] = user.Network is MarkovNetwork markov ? markov.InitialCondition : 0;
            _nextArrival[u] = _rng.NextExponential(user.ArrivalRatePerSecond);
        }

        _pending = NextRequest();
        return _pending;
    }

    public StepResult Step(int actionIndex) => Step(_actions.Decode(actionIndex));

    /// <summary>Executes the pending request with <paramref name="action"/> and moves to the next request.</summary>
    public StepResult Step(PlacementAction action)
    {
        var request = Current;
        if ((uint)action.Target >= (uint)_actions.Targets || (uint)action.Variant >= (uint)_actions.Variants)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "no such target or variant in this scenario");
        }

        var noise = _scenario.MeasurementNoise;
        var computeNoise = _rng.NextMeanOneLogNormal(noise);
        // Drawn for local placements too (and unused): the random stream must not depend on the action,
        // so every policy meets the same arrivals, networks and background loads from a seed.
        var drawnTransferNoise = _rng.NextMeanOneLogNormal(noise);
        var transferNoise = action.IsLocal ? 1.0 : drawnTransferNoise;
        var outcome = Physics.Execute(_scenario, request, action, computeNoise, transferNoise);
        var reward = Reward.Of(outcome, request, _scenario.Reward);

        var node = action.IsLocal ? _onDevice[request.User] : _onServer[action.Server];
        node.Add(_now + outcome.LatencyMs / 1000.0);
        _nextArrival[request.User] = _now + _rng.NextExponential(_scenario.Users[request.User].ArrivalRatePerSecond);

        _pending = NextRequest();
        return new StepResult(outcome, reward, _pending);
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
        var user = _scenario.Users[u];
        var conditionIndex = NextCondition(u, user.Network);
        var condition = _scenario.Conditions[conditionIndex];

        _onDevice[u].Retire(_now);
        var serverLoads = new int[_onServer.Length];
        for (var s = 0; s < _onServer.Length; s++)
        {
            _onServer[s].Retire(_now);
            serverLoads[s] = _onServer[s].Count + _rng.NextPoisson(_scenario.Servers[s].BackgroundLoad);
        }

        return new Observation(u, user.DeviceClass, conditionIndex, condition.UplinkMbps, condition.RttEdgeMs,
            condition.RttCloudMs, _onDevice[u].Count, serverLoads, user.AccuracyRequirement, user.SloMs,
            user.EnergyWeight, _now);
    }

    private int NextCondition(int u, NetworkDynamics network)
    {
        switch (network)
        {
            case MarkovNetwork markov:
                var row = markov.Transitions[_condition[u]];
                var draw = _rng.NextDouble();
                var next = row.Length - 1;
                for (var c = 0; c < row.Length; c++)
                {
                    draw -= row[c];
                    if (draw < 0)
                    {
                        next = c;
                        break;
                    }
                }

                return _condition[u] = next;
            case TraceNetwork trace:
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
            default:
                throw new InvalidOperationException($"unsupported network dynamics {network.GetType().Name}");
        }
    }
}
