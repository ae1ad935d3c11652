using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// The decision-log rows an off-policy estimate can use, and how many it cannot: a row needs its request context and
/// the probability with which its action was chosen (a row without them says nothing about another policy).
/// </summary>
internal sealed record LoggedSamples(IReadOnlyList<LoggedSample> Samples, int Read, int Unresolved, int WithoutContext, int WithoutProbability)
{
    public int Skipped => Unresolved + WithoutContext + WithoutProbability;

    public static LoggedSamples From(Scenario scenario, IReadOnlyList<LoggedDecision> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var resolver = new LoggedDecisionResolver(scenario);
        var resolved = resolver.Resolve(rows);
        var actions = new ActionSpace(scenario);
        var samples = new List<LoggedSample>(resolved.Count);
        int withoutContext = 0, withoutProbability = 0;
        foreach (var decision in resolved)
        {
            if (decision.Context is not { } context)
            {
                withoutContext++;
            }
            else if (decision.Row.ActionProbability is not { } probability || probability is not (> 0 and <= 1))
            {
                withoutProbability++;
            }
            else
            {
                var row = decision.Row;
                samples.Add(new LoggedSample(context, actions.Encode(decision.Placement), probability, decision.Reward, new Outcome(row.LatencyMs, row.EnergyJ, row.Accuracy)));
            }
        }

        return new LoggedSamples(samples, rows.Count, resolver.Unresolved, withoutContext, withoutProbability);
    }
}
