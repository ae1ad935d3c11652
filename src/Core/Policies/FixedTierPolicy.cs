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
            throw new ArgumentException($"scenario '{scenario.Name}' has no {TierNames.Of(tier)} server", nameof(tier));
        }
    }

    public string Name => NameFor(_tier);

    /// <summary>The policy's command-line name: "local" for the own device, else the tier's name.</summary>
    public static string NameFor(Tier tier) => tier == Tier.Device ? "local" : TierNames.Of(tier);

    /// <summary>The tier whose policy is called <paramref name="name"/>, if any.</summary>
    public static bool TryParseName(string name, out Tier tier)
    {
        foreach (var candidate in Enum.GetValues<Tier>())
        {
            if (NameFor(candidate) == name)
            {
                tier = candidate;
                return true;
            }
        }

        tier = default;
        return false;
    }

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
