using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>scenarios/paper-mobilenet.json and its evaluation set, built once for the whole test run.</summary>
internal static class ShippedScenario
{
    private static readonly Lazy<Scenario> LazyScenario = new(() => ScenarioLoader.Load(RepositoryFiles.ShippedScenarioPath));
    private static readonly Lazy<EvaluationSet> LazyEvaluation = new(() => EvaluationSet.Create(Scenario));

    public static Scenario Scenario => LazyScenario.Value;

    public static EvaluationSet Evaluation => LazyEvaluation.Value;
}
