using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Features;

/// <summary>
/// What the environment model knows about an action besides its index: the chosen node's
/// published profile (tier, throughput, slots), the variant's MACs and input bytes, and the
/// parts of the observation that concern that node (its load, the RTT to it). Profile-based
/// estimates of unloaded compute time and transfer time are included in log scale, so the model
/// learns corrections (contention, noise, radio) rather than rediscovering division.
/// </summary>
public sealed class ActionFeatures
{
    private const int PhysicalLength = 12;

    private readonly Scenario _scenario;
    private readonly ActionSpace _actions;
    private readonly bool _physical;

    /// <param name="physical">False: a one-hot action index instead (the ablation).</param>
    public ActionFeatures(Scenario scenario, bool physical = true)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        _physical = physical;
    }

    public int Length => _physical ? PhysicalLength : _actions.Count;

    public void Write(Observation request, int action, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_physical)
        {
            into[..Length].Clear();
            into[action] = 1f;
            return;
        }

        var (target, variantIndex) = _actions.Decode(action);
        var variant = _scenario.Catalog[variantIndex];
        var local = target == PlacementAction.Local;
        var node = local ? _scenario.Users[request.User].Device : _scenario.Servers[target - 1].Profile;
        var load = local ? request.LocalLoad : request.ServerLoads[target - 1];
        var rtt = node.Tier switch
        {
            Tier.Edge => request.RttEdgeMs,
            Tier.Cloud => request.RttCloudMs,
            _ => 0.0,
        };
        var computeMs = variant.MegaMacs / node.GigaMacsPerSecond;
        var transferMs = local ? 0.0 : Physics.TransferMs(variant, request.UplinkMbps);

        into[0] = local ? 1f : 0f;
        into[1] = node.Tier == Tier.Edge ? 1f : 0f;
        into[2] = node.Tier == Tier.Cloud ? 1f : 0f;
        into[3] = (float)(Math.Log(variant.MegaMacs) / 6.0);
        into[4] = (float)(Math.Log(variant.InputBytes) / 12.0);
        into[5] = (float)(Math.Log(node.GigaMacsPerSecond) / 6.0);
        into[6] = node.Slots / 8f;
        into[7] = load / 8f;
        into[8] = (float)(load / (double)node.Slots / 4.0);
        into[9] = (float)(rtt / 100.0);
        into[10] = (float)(Math.Log(computeMs) / 5.0);
        into[11] = (float)(Math.Log(1.0 + transferMs) / 5.0);
    }
}
