using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;

namespace EdgeControl.Cli.Bench;

/// <summary>The bar a learner must clear: the best policy that needs no learning, scored on the same evaluation set.</summary>
internal static class NonLearningBaseline
{
    public static NamedScore Best(EvaluationSet evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var scenario = evaluation.Scenario;
        return PolicyFactory.NonLearningFor(scenario)
            .Select(name => new NamedScore(name, evaluation.Score(PolicyFactory.Create(name, scenario, scenario.Seed))))
            .MaxBy(s => s.Score)!;
    }
}
