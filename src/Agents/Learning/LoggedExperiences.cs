using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>
/// Decision-log rows as experiences a learner can replay: the one conversion the live trainer (following the log) and
/// the offline commands (training and off-policy evaluation from the log) share.
/// </summary>
public static class LoggedExperiences
{
    /// <summary>
    /// The decisions of <paramref name="decisions"/> that carry their full request context, as experiences on
    /// <paramref name="scenario"/>'s action space; the others cannot be replayed and are left out.
    /// </summary>
    /// <remarks>A device does not report its user's next request: the request itself stands in (the learners' discount is 0 or small).</remarks>
    public static List<Experience> From(Scenario scenario, IEnumerable<ResolvedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(decisions);
        var actions = new ActionSpace(scenario);
        var experiences = new List<Experience>();
        foreach (var decision in decisions)
        {
            if (decision.Context is { } request)
            {
                var outcome = new Outcome(decision.Row.LatencyMs, decision.Row.EnergyJ, decision.Row.Accuracy);
                experiences.Add(new Experience(request, actions.Encode(decision.Placement), outcome, decision.Reward, request));
            }
        }

        return experiences;
    }
}
