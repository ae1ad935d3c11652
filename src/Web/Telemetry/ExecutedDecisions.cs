using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Turns a device's measured outcome of a decision into what the rest of the control plane learns from and shows:
/// the live topology, a placement on the training notifier, and a <see cref="LiveExperience"/> for live mode.
/// </summary>
internal sealed class ExecutedDecisions(TopologyTracker topology, TrainingNotifier notifier, LiveExperiences experiences, Orchestrator orchestrator)
{
    /// <summary>Records the outcome of <paramref name="decision"/> and returns its reward, or null when the scenario has changed since.</summary>
    public double? Record(Guid nodeId, PendingDecision decision, Outcome outcome, DateTimeOffset at)
    {
        var scenario = topology.Scenario;
        if (scenario is null || decision.Request.User >= scenario.Users.Count)
        {
            return null;
        }

        var reward = Reward.Of(outcome, decision.Request, scenario.Reward);
        var snapshot = orchestrator.Snapshot;
        var placement = topology.Record(decision.Request, new ActionSpace(scenario).Decode(decision.Action), outcome, snapshot.RealInteractions);
        notifier.Publish(new TrainingUpdate(snapshot.RunId ?? Guid.Empty, TrainingRunStatuses.Running, null) { Placement = placement });
        experiences.Write(new LiveExperience(nodeId, decision.Request, decision.Action, outcome, reward, at));
        return reward;
    }
}
