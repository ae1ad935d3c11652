using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// The bar a learner must clear: the policies that need no learning, scored by the same evaluation as the learners.
/// The best is judged closed loop, where a policy that herds requests onto one node pays for the queue it builds.
/// </summary>
internal static class NonLearningBaseline
{
    public static IReadOnlyList<NonLearningScore> Score(PolicyEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var scenario = evaluation.Scenario;
        return PolicyFactory.NonLearningFor(scenario)
            .Select(name =>
            {
                var closed = evaluation.ClosedLoop.Evaluate(PolicyFactory.Create(name, scenario, scenario.Seed));
                var open = evaluation.OpenLoop.Score(PolicyFactory.Create(name, scenario, scenario.Seed));
                return new NonLearningScore(name, closed.Score, closed.StandardError, open);
            })
            .ToList();
    }

    public static NonLearningScore Best(IEnumerable<NonLearningScore> scores) => scores.MaxBy(s => s.ClosedLoop)!;
}
