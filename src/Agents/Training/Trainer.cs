using System.Diagnostics;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Training;

/// <summary>
/// The training loop every learner shares: act on the twin, learn from the real outcome, and
/// score the greedy policy on the fixed evaluation set every <see cref="TrainingOptions.EvaluateEvery"/>
/// real steps, closed loop and open loop (<see cref="PolicyEvaluation"/>). It also keeps the cost of learning: regret against the oracle and missed requirements.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(ILearner learner, PolicyEvaluation evaluation, TrainingOptions options, IProgress<CurvePoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var scenario = evaluation.Scenario;
        var clock = Stopwatch.StartNew();
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(options.Seed);
        var curve = new List<CurvePoint>();
        var regret = 0.0;
        long violations = 0;
        Evaluate();
        for (long step = 1; step <= options.MaxInteractions; step++)
        {
            var action = learner.Act(request, explore: true);
            regret += OraclePolicy.Regret(scenario, request, action);
            var result = twin.Step(action);
            violations += result.Outcome.MissesRequirementsOf(request) ? 1 : 0;
            learner.Learn(new Experience(request, action, result.Outcome, result.Reward, result.Next));
            request = result.Next;
            if (options.IsEvaluationStep(step))
            {
                Evaluate();
                // Both scores must have held the target: a run stopped earlier would leave the other one's convergence unknown.
                if (options.StopAfterConvergedAt is { } target
                    && Convergence.InteractionsTo(curve, target, ScoreLoop.Closed) is not null
                    && Convergence.InteractionsTo(curve, target, ScoreLoop.Open) is not null)
                {
                    break;
                }
            }
        }

        return new TrainingResult(learner.Name, curve, clock.Elapsed.TotalSeconds);

        void Evaluate()
        {
            var scores = evaluation.Score(learner.ActGreedy);
            var loss = learner is IReportsLoss reports ? reports.LastLoss : double.NaN;
            var point = new CurvePoint(learner.RealSteps, scores.OpenLoop, clock.Elapsed.TotalSeconds, regret, violations, loss, scores.ClosedLoop);
            curve.Add(point);
            progress?.Report(point);
        }
    }
}
