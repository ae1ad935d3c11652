using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>Passes every decision of a learner through, counting those whose variant misses an accuracy requirement some variant meets.</summary>
internal sealed class AccuracyAudit(ILearner inner, Scenario scenario) : ILearner
{
    private readonly ActionSpace _actions = new(scenario);
    private readonly double _bestTop1 = scenario.Catalog.Max(v => v.Top1);

    public string Name => inner.Name;

    public long RealSteps => inner.RealSteps;

    public long ExploringDecisions { get; private set; }

    public long GreedyDecisions { get; private set; }

    public long BelowRequirement { get; private set; }

    public int Act(Observation request, bool explore)
    {
        var action = inner.Act(request, explore);
        Check(request, action);
        ExploringDecisions += explore ? 1 : 0;
        GreedyDecisions += explore ? 0 : 1;
        return action;
    }

    public int[] ActGreedy(IReadOnlyList<Observation> requests)
    {
        var actions = inner.ActGreedy(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            Check(requests[i], actions[i]);
        }

        GreedyDecisions += requests.Count;
        return actions;
    }

    public void Learn(Experience experience) => inner.Learn(experience);

    private void Check(Observation request, int action)
    {
        var top1 = scenario.Catalog[_actions.Decode(action).Variant].Top1;
        BelowRequirement += top1 < request.AccuracyRequirement && request.AccuracyRequirement <= _bestTop1 ? 1 : 0;
    }
}
