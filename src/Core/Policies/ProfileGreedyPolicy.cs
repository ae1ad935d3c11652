using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>
/// A Neurosurgeon-like heuristic (Kang et al., ASPLOS 2017): predict each placement's latency and
/// energy from the known node profiles and the current bandwidth, as if every node were idle, and
/// take the best predicted reward. It knows the physics but not the contention users create,
/// which is what a learner has to discover.
/// </summary>
/// <remarks>
/// Ignoring the loads makes the choice a function of who is asking (device, radio, accuracy
/// requirement, SLO, energy weight) and of the network condition alone, so it is searched once per
/// (kind of user, condition) and remembered: a city of 10,000 users has four kinds of user. A
/// request whose network or needs differ from its user's scenario entry (a live measurement, a
/// hand-made observation) is searched afresh.
/// </remarks>
public sealed class ProfileGreedyPolicy : IPolicy
{
    private const int NotSearched = -1;

    private readonly Scenario _scenario;
    private readonly int[] _idleServers;
    private readonly int[] _kindOfUser;
    private readonly int[] _choice;

    public ProfileGreedyPolicy(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _idleServers = new int[scenario.Servers.Count];
        var kinds = new Dictionary<(NodeProfile, RadioProfile, double, double, double), int>();
        _kindOfUser = scenario.Users
            .Select(u => (u.Device, u.Radio, u.AccuracyRequirement, u.SloMs, u.EnergyWeight))
            .Select(key => kinds.TryGetValue(key, out var kind) ? kind : kinds[key] = kinds.Count)
            .ToArray();
        _choice = new int[kinds.Count * scenario.Conditions.Count];
        Array.Fill(_choice, NotSearched);
    }

    public string Name => "greedy";

    public int Decide(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAsInScenario(request))
        {
            return Search(request);
        }

        ref var choice = ref _choice[_kindOfUser[request.User] * _scenario.Conditions.Count + request.NetworkCondition];
        if (choice == NotSearched)
        {
            choice = Search(request);
        }

        return choice;
    }

    /// <summary>The oracle's choice for the request as if nothing were in flight anywhere.</summary>
    private int Search(Observation request) =>
        ExpectedRewards.Best(_scenario, request with { LocalLoad = 0, ServerLoads = _idleServers });

    /// <summary>Whether the request carries exactly its user's needs and its condition's network, as the twin's do.</summary>
    private bool IsAsInScenario(Observation request)
    {
        if ((uint)request.User >= (uint)_kindOfUser.Length || (uint)request.NetworkCondition >= (uint)_scenario.Conditions.Count)
        {
            return false;
        }

        var user = _scenario.Users[request.User];
        var condition = _scenario.Conditions[request.NetworkCondition];
        return request.AccuracyRequirement == user.AccuracyRequirement && request.SloMs == user.SloMs
            && request.EnergyWeight == user.EnergyWeight && request.UplinkMbps == condition.UplinkMbps
            && request.RttEdgeMs == condition.RttEdgeMs && request.RttCloudMs == condition.RttCloudMs;
    }
}
