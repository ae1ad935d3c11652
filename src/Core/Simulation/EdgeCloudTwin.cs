using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// The digital twin of a multi-user end-edge-cloud network, Gym-style: one step is one inference
/// request of one user. Requests arrive over time (Poisson per user), and a request placed on a
/// node occupies it until it completes, so every placement shapes the load later requests see.
/// Seeded and deterministic; not thread-safe (one twin per thread).
/// </summary>
/// <remarks>
/// Event-driven so a step costs the same with 10 users or 10,000 and with a node idle or holding
/// thousands of requests (docs/physics.md, "The event queue"): the next arrival comes from a heap
/// over users and each node's completions from a heap of their own. What a step still does per
/// server is what the observation itself needs: the server's load and its background draw.
/// </remarks>
public sealed class EdgeCloudTwin
{
    private readonly ActionSpace _actions;
    private User[] _users;
    private readonly InFlightRequests[] _onDevice;
    private readonly InFlightRequests[] _onServer;
    private Scenario _scenario;
    private BackgroundLoad[] _background;
    private readonly ArrivalQueue _arrivals;
    private readonly double[] _firstArrivals;
    private readonly int[] _condition;
    private Xoshiro256 _rng = new(0);
    private double _now;
    private Observation? _pending;

    public EdgeCloudTwin(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        _users = [.. scenario.Users];
        _onDevice = new InFlightRequests[_users.Length];
        _onServer = new InFlightRequests[scenario.Servers.Count];
        _background = scenario.Servers.Select(s => new BackgroundLoad(s.BackgroundLoad)).ToArray();
        _arrivals = new ArrivalQueue(_users.Length);
        _firstArrivals = new double[_users.Length];
        _condition = new int[_users.Length];
    }

    public Scenario Scenario => _scenario;

    public ActionSpace Actions => _actions;

    /// <summary>The pending request; <see cref="Reset"/> must be called first.</summary>
    public Observation Current => _pending ?? throw new InvalidOperationException("Call Reset(seed) before using the twin.");

    /// <summary>Requests of the scenario's own users in flight on server <paramref name="server"/> (background load not included).</summary>
    public int InFlightOn(int server) => _onServer[server].Count;

    /// <summary>Empties every node and starts a new trajectory; returns the first request.</summary>
    public Observation Reset(long seed)
    {
        _rng = new Xoshiro256(seed);
        _now = 0;
        foreach (ref var node in _onDevice.AsSpan())
        {
            node.Clear();
        }

        foreach (ref var node in _onServer.AsSpan())
        {
            node.Clear();
        }

        for (var u = 0; u < _users.Length; u++)
        {
            _condition[u] = _users[u].Network is MarkovNetwork markov ? markov.InitialCondition : 0;
            _firstArrivals[u] = _rng.NextExponential(_users[u].ArrivalRatePerSecond);
        }

        _arrivals.Reset(_firstArrivals);
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

        // A request sent to a server that is gone never arrives there, so it occupies nothing.
        if (action.IsLocal || _scenario.Servers[action.Server].Reachable)
        {
            ref var node = ref action.IsLocal ? ref _onDevice[request.User] : ref _onServer[action.Server];
            node.Add(_now + outcome.LatencyMs / 1000.0);
        }

        // The pending request is the queue's earliest: its user's next request replaces it.
        _arrivals.RescheduleNext(_now + _rng.NextExponential(_users[request.User].ArrivalRatePerSecond));

        _pending = NextRequest();
        return new StepResult(outcome, reward, _pending);
    }

    /// <summary>
    /// The environment changes under the twin (an <see cref="Shifts.EnvironmentShift"/>): from the pending request's
    /// decision on, outcomes follow <paramref name="changed"/>. Users, clock, network states, random stream and the
    /// requests in flight are kept (those finish as they were scheduled); the pending request is observed again in
    /// the changed environment: its network condition's new uplink and RTTs, and a fresh background draw on every
    /// server whose background load changed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="changed"/> does not have this scenario's users, servers, network conditions and catalog.</exception>
    public void ChangeTo(Scenario changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (SameShapeProblem(_scenario, changed) is { } problem)
        {
            throw new ArgumentException($"the changed scenario must keep the twin's shape: {problem}", nameof(changed));
        }

        var before = _scenario;
        _scenario = changed;
        _users = [.. changed.Users];
        _background = changed.Servers.Select(s => new BackgroundLoad(s.BackgroundLoad)).ToArray();
        if (_pending is not { } pending)
        {
            return;
        }

        var condition = changed.Conditions[pending.NetworkCondition];
        var serverLoads = (int[])pending.ServerLoads.Clone();
        for (var s = 0; s < serverLoads.Length; s++)
        {
            if (changed.Servers[s].BackgroundLoad != before.Servers[s].BackgroundLoad)
            {
                serverLoads[s] = _onServer[s].Count + _background[s].Draw(_rng);
            }
        }

        _pending = pending with
        {
            UplinkMbps = condition.UplinkMbps,
            RttEdgeMs = condition.RttEdgeMs,
            RttCloudMs = condition.RttCloudMs,
            ServerLoads = serverLoads,
        };
    }

    private static string? SameShapeProblem(Scenario current, Scenario changed)
    {
        if (changed.Users.Count != current.Users.Count)
        {
            return $"{changed.Users.Count} users instead of {current.Users.Count}";
        }

        if (!changed.Servers.Select(s => (s.Name, s.Tier)).SequenceEqual(current.Servers.Select(s => (s.Name, s.Tier))))
        {
            return "other servers (names and tiers must stay, in order)";
        }

        if (changed.Conditions.Count != current.Conditions.Count)
        {
            return $"{changed.Conditions.Count} network conditions instead of {current.Conditions.Count}";
        }

        return changed.Catalog.Count != current.Catalog.Count ? $"{changed.Catalog.Count} model variants instead of {current.Catalog.Count}" : null;
    }

    private Observation NextRequest()
    {
        var u = _arrivals.NextUser;
        _now = _arrivals.NextTime;
        var user = _users[u];
        var conditionIndex = NextCondition(u, user.Network);
        var condition = _scenario.Conditions[conditionIndex];

        ref var device = ref _onDevice[u];
        device.Retire(_now);
        var serverLoads = new int[_onServer.Length];
        for (var s = 0; s < serverLoads.Length; s++)
        {
            ref var node = ref _onServer[s];
            node.Retire(_now);
            serverLoads[s] = node.Count + _background[s].Draw(_rng);
        }

        return new Observation(u, user.DeviceClass, conditionIndex, condition.UplinkMbps, condition.RttEdgeMs,
            condition.RttCloudMs, device.Count, serverLoads, user.AccuracyRequirement, user.SloMs,
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

    /// <summary>A server's other tenants: a fresh Poisson draw per request, with exp(-mean) computed once.</summary>
    private readonly struct BackgroundLoad(double mean)
    {
        private readonly double _expMinusMean = Math.Exp(-mean);

        public int Draw(Xoshiro256 rng) => mean > 0 ? rng.NextPoissonKnuth(_expMinusMean) : 0;
    }
}
