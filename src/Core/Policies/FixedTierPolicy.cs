using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>
/// Always the same tier (the least-loaded server of it when there are several), with the cheapest
/// variant that meets the request's accuracy requirement.
/// </summary>
public sealed class FixedTierPolicy : IPolicy
{
    private readonly Scenario _scenario;
    private readonly ActionSpace _actions;
    private readonly Tier _tier;
    private readonly int[] _servers;

    public FixedTierPolicy(Scenario scenario, Tier tier)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        _tier = tier;
        _servers = Enumerable.Range(0, scenario.Servers.Count).Where(s => scenario.Servers[s].Tier == tier).ToArray();
        if (tier != Tier.Device && _servers.Length == 0)
        {
            throw new ArgumentException($"scenario '{scenario.Name}' has no {tier.ToString().ToLowerInvariant()} server", nameof(tier));
        }
    }

    public string Name => _tier switch
    {
        Tier.Device => "local",
        Tier.Edge => "edge",
        _ => "cloud",
    };

    public int Decide(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var variant = VariantChoice.CheapestMeeting(_scenario.Catalog, request.AccuracyRequirement);
        if (_tier == Tier.Device)
        {
            return _actions.Encode(new PlacementAction(PlacementAction.Local, variant));
        }

        var server = _servers[0];
        foreach (var s in _servers)
        {
            if (request.ServerLoads[s] < request.ServerLoads[server])
            {
                server = s;
            }
        }

        return _actions.Encode(new PlacementAction(server + 1, variant));
    }
}
