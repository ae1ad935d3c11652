using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>Hand-made pending requests for physics and policy tests.</summary>
internal static class Requests
{
    /// <summary>A request of <paramref name="user"/> on an idle network in the scenario's first condition.</summary>
    public static Observation Idle(Scenario scenario, int user = 0)
    {
        var u = scenario.Users[user];
        var c = scenario.Conditions[0];
        return new Observation(user, u.DeviceClass, 0, c.UplinkMbps, c.RttEdgeMs, c.RttCloudMs, 0,
            new int[scenario.Servers.Count], u.AccuracyRequirement, u.SloMs, u.EnergyWeight, 0.0);
    }

    public static Observation WithServerLoad(this Observation request, int server, int load)
    {
        var loads = (int[])request.ServerLoads.Clone();
        loads[server] = load;
        return request with { ServerLoads = loads };
    }

    /// <summary>Every (target, variant) of the scenario.</summary>
    public static IEnumerable<PlacementAction> AllActions(Scenario scenario)
    {
        var actions = new ActionSpace(scenario);
        return Enumerable.Range(0, actions.Count).Select(actions.Decode);
    }
}
