using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Topology;

/// <summary>
/// Keeps the live topology of the current scenario: node loads, each user's link and latest placement. The
/// orchestrator records every executed decision (twin or live devices); readers take immutable snapshots.
/// </summary>
public sealed class TopologyTracker
{
    private readonly Lock _lock = new();
    private Scenario? _scenario;
    private int[] _serverLoads = [];
    private int[] _localLoads = [];
    private LatestRequest?[] _latest = [];

    /// <summary>The scenario being tracked, or null before the orchestrator has loaded one.</summary>
    public Scenario? Scenario
    {
        get
        {
            lock (_lock)
            {
                return _scenario;
            }
        }
    }

    /// <summary>Starts tracking <paramref name="scenario"/> with every node idle and no placement yet.</summary>
    public void Reset(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_lock)
        {
            _scenario = scenario;
            _serverLoads = new int[scenario.Servers.Count];
            _localLoads = new int[scenario.Users.Count];
            _latest = new LatestRequest?[scenario.Users.Count];
        }
    }

    /// <summary>Records one executed decision and returns it as the dashboard charts it.</summary>
    public PlacementRecord Record(Observation request, PlacementAction action, Outcome outcome, long realInteractions)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var scenario = _scenario ?? throw new InvalidOperationException("Reset(scenario) before recording placements.");
            if (request.User < 0 || request.User >= scenario.Users.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(request), request.User, "user index outside the scenario");
            }

            Array.Copy(request.ServerLoads, _serverLoads, Math.Min(request.ServerLoads.Length, _serverLoads.Length));
            _localLoads[request.User] = request.LocalLoad;
            var user = scenario.Users[request.User];
            var (target, tier) = action.IsLocal
                ? (DeviceName(scenario, request.User), TierNames.Of(Tier.Device))
                : (scenario.Servers[action.Server].Name, TierNames.Of(scenario.Servers[action.Server].Tier));
            var record = new PlacementRecord(
                user.Name,
                target,
                tier,
                scenario.Catalog[action.Variant].Name,
                outcome.LatencyMs,
                outcome.EnergyJ,
                outcome.Accuracy,
                request.SloMs,
                outcome.MissesRequirementsOf(request),
                realInteractions,
                DateTimeOffset.UtcNow);
            _latest[request.User] = new LatestRequest(request, action, outcome, record);
            return record;
        }
    }

    /// <summary>The topology now, or null before a scenario is tracked.</summary>
    public TopologySnapshot? Snapshot()
    {
        lock (_lock)
        {
            var scenario = _scenario;
            if (scenario is null)
            {
                return null;
            }

            var nodes = new List<NodeView>();
            foreach (var (server, index) in scenario.Servers.Select((s, i) => (s, i)))
            {
                nodes.Add(new NodeView(server.Name, TierNames.Of(server.Tier), server.Profile.Name, _serverLoads[index]));
            }

            var links = new List<LinkView>();
            var users = new List<UserPlacement>();
            for (var u = 0; u < scenario.Users.Count; u++)
            {
                var user = scenario.Users[u];
                var device = DeviceName(scenario, u);
                nodes.Add(new NodeView(device, TierNames.Of(Tier.Device), user.Device.Name, _localLoads[u]));
                var request = _latest[u]?.Request;
                var condition = request?.NetworkCondition ?? InitialCondition(user.Network);
                var conditionName = scenario.Conditions[condition].Name;
                var uplink = request?.UplinkMbps ?? scenario.Conditions[condition].UplinkMbps;
                foreach (var server in scenario.Servers)
                {
                    var rtt = server.Tier == Tier.Cloud
                        ? request?.RttCloudMs ?? scenario.Conditions[condition].RttCloudMs
                        : request?.RttEdgeMs ?? scenario.Conditions[condition].RttEdgeMs;
                    links.Add(new LinkView(device, server.Name, uplink, rtt, conditionName));
                }

                var placement = _latest[u]?.Placement;
                users.Add(new UserPlacement(
                    user.Name,
                    device,
                    placement?.Target,
                    placement?.TargetTier,
                    placement?.Variant,
                    placement?.LatencyMs,
                    placement?.EnergyJ,
                    placement?.Accuracy,
                    user.SloMs,
                    user.AccuracyRequirement,
                    placement?.Violated ?? false,
                    placement?.At));
            }

            return new TopologySnapshot(scenario.Name, nodes, links, users, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Index of the user called <paramref name="name"/> in the scenario, or -1.</summary>
    public int UserIndex(string name)
    {
        lock (_lock)
        {
            var scenario = _scenario;
            if (scenario is null)
            {
                return -1;
            }

            for (var u = 0; u < scenario.Users.Count; u++)
            {
                if (string.Equals(scenario.Users[u].Name, name, StringComparison.Ordinal))
                {
                    return u;
                }
            }

            return -1;
        }
    }

    /// <summary>The latest executed request of the user called <paramref name="name"/>, or null before its first one (or for no such user).</summary>
    public LatestRequest? Latest(string name)
    {
        lock (_lock)
        {
            var user = UserIndex(name);
            return user < 0 ? null : _latest[user];
        }
    }

    /// <summary>Current requests in flight on every server (scenario order).</summary>
    public int[] ServerLoads()
    {
        lock (_lock)
        {
            return [.. _serverLoads];
        }
    }

    /// <summary>The topology's name of a user's device, where its requests run when they stay local.</summary>
    internal static string DeviceName(Scenario scenario, int user) => $"{scenario.Users[user].Name}-device";

    private static int InitialCondition(NetworkDynamics network) => network switch
    {
        MarkovNetwork markov => markov.InitialCondition,
        TraceNetwork trace => trace.Conditions[0],
        _ => 0,
    };
}
