using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// Turns an admitted outcome into the row the decision log stores, the same way for the device hub and REST: with the
/// context of the decision it answers (scenario, observation, action, probability, who served) and its reward, so the
/// row is a whole experience for the trainer that follows the log; and shows it on the live topology.
/// </summary>
internal sealed class ExecutedDecisions(PendingDecisions pending, TopologyTracker topology, TrainingNotifier notifier, Orchestrator orchestrator)
{
    /// <summary>
    /// The row for <paramref name="outcome"/> of device <paramref name="nodeId"/>: with its decision's context when this
    /// instance issued the decision and still holds it, else without (stored all the same, replayed by no learner).
    /// The decision stays pending until <see cref="Stored"/>: a report whose storing fails is sent again.
    /// </summary>
    public StagedOutcome Stage(Guid nodeId, MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var valid = ValidOutcome.Of(outcome);
        if (!pending.TryGet(nodeId, outcome.RequestId, out var decision) || decision.Action != outcome.Action)
        {
            return new StagedOutcome(nodeId, valid, Reward: null);
        }

        var measured = new Outcome(outcome.LatencyMs, outcome.EnergyJ, outcome.Accuracy);
        var reward = Reward.Of(measured, decision.Request, decision.Scenario.Reward);
        Show(decision, measured);
        return new StagedOutcome(nodeId, valid, reward, DecisionContext.Of(decision));
    }

    /// <summary>The outcomes of <paramref name="rows"/> are stored (or queued to be, never given up): their decisions are done.</summary>
    public void Stored(IEnumerable<StagedOutcome> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            pending.Forget(row.NodeId, row.Outcome.RequestId);
        }
    }

    /// <summary>A placement on the live topology and the dashboard, while the decision's scenario is the one shown.</summary>
    private void Show(PendingDecision decision, Outcome outcome)
    {
        if (!ReferenceEquals(topology.Scenario, decision.Scenario))
        {
            return;
        }

        var snapshot = orchestrator.Snapshot;
        var placement = topology.Record(decision.Request, new ActionSpace(decision.Scenario).Decode(decision.Action), outcome, snapshot.RealInteractions);
        notifier.Publish(new TrainingUpdate(snapshot.RunId ?? Guid.Empty, TrainingRunStatuses.Running, null) { Placement = placement });
    }
}
