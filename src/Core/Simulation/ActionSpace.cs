using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Simulation;

/// <summary>Numbers every (target, variant) pair of a scenario: index = target * variants + variant.</summary>
public sealed class ActionSpace
{
    public ActionSpace(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Targets = 1 + scenario.Servers.Count;
        Variants = scenario.Catalog.Count;
    }

    public int Targets { get; }

    public int Variants { get; }

    public int Count => Targets * Variants;

    public PlacementAction Decode(int index) => new(index / Variants, index % Variants);

    public int Encode(PlacementAction action) => action.Target * Variants + action.Variant;
}
