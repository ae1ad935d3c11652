using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Logging;

/// <summary>Resolves logged rows against the scenario they were decided on.</summary>
public sealed class LoggedDecisionResolver(Scenario scenario)
{
    private readonly ActionSpace _actions = new(scenario);

    /// <summary>Rows the scenario cannot place (an unknown user, target or variant): counted, not scored.</summary>
    public int Unresolved { get; private set; }

    public IReadOnlyList<ResolvedDecision> Resolve(IEnumerable<LoggedDecision> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scored = new List<ResolvedDecision>();
        foreach (var row in rows)
        {
            if (ResolveOne(row) is { } request)
            {
                scored.Add(request);
            }
            else
            {
                Unresolved++;
            }
        }

        return scored;
    }

    private ResolvedDecision? ResolveOne(LoggedDecision row)
    {
        var userIndex = IndexOf(scenario.Users, u => u.Name == row.UserName);
        var placement = Placement(row);
        if (userIndex < 0 || placement is not { } action)
        {
            return null;
        }

        var user = scenario.Users[userIndex];
        var tier = action.IsLocal ? Tier.Device : scenario.Servers[action.Server].Tier;
        var context = Context(row, userIndex, user);
        var outcome = new Outcome(row.LatencyMs, row.EnergyJ, row.Accuracy);
        var reward = row.Reward ?? Core.Simulation.Reward.Of(outcome, user.SloMs, user.EnergyWeight, user.AccuracyRequirement, scenario.Reward);
        return new ResolvedDecision(row, user, tier, action, reward, context);
    }

    /// <summary>The logged action index when there is one, else the target node and variant by name.</summary>
    private PlacementAction? Placement(LoggedDecision row)
    {
        if (row.Action is { } index)
        {
            return index >= 0 && index < _actions.Count ? _actions.Decode(index) : null;
        }

        var variant = IndexOf(scenario.Catalog, v => v.Name == row.Variant);
        if (variant < 0)
        {
            return null;
        }

        var server = IndexOf(scenario.Servers, s => s.Name == row.Target);
        return new PlacementAction(server < 0 ? PlacementAction.Local : server + 1, variant);
    }

    /// <summary>The observation the decision answered, when every field the twin needs was logged.</summary>
    private Observation? Context(LoggedDecision row, int userIndex, User user)
    {
        if (row is not { UplinkMbps: { } uplink, RttEdgeMs: { } rttEdge, RttCloudMs: { } rttCloud, LocalLoad: { } localLoad, ServerLoads: { } loads }
            || loads.Length != scenario.Servers.Count || uplink <= 0)
        {
            return null;
        }

        var condition = Math.Max(0, IndexOf(scenario.Conditions, c => c.Name == row.NetworkCondition));
        return new Observation(userIndex, user.DeviceClass, condition, uplink, rttEdge, rttCloud, localLoad, loads,
            user.AccuracyRequirement, user.SloMs, user.EnergyWeight, TimeSeconds: 0);
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
