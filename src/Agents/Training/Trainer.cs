using System.Diagnostics;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Training;

/// <summary>
/// The training loop every learner shares: act on the twin, learn from the real outcome, and
/// score the greedy policy on the fixed evaluation set every <see cref="TrainingOptions.EvaluateEvery"/> steps.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(ILearner learner, EvaluationSet evaluation, TrainingOptions options, IProgress<CurvePoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var twin = new EdgeCloudTwin(evaluation.Scenario);
        var request = twin.Reset(options.Seed);
        var curve = new List<CurvePoint>();
        Evaluate();
        for (long step = 1; step <= options.MaxInteractions; step++)
        {
            var action = learner.Act(request, explore: true);
            var result = twin.Step(action);
            learner.Learn(new Experience(request, action, result.Outcome, result.Reward, result.Next));
            request = result.Next;
            if (step % options.EvaluateEvery == 0)
            {
                Evaluate();
                if (options.StopAfterConvergedAt is { } target && Convergence.InteractionsTo(curve, target) is not null)
                {
                    break;
                }
            }
        }

        return new TrainingResult(learner.Name, curve, clock.Elapsed.TotalSeconds);

        void Evaluate()
        {
            var score = evaluation.NormalizedScore(evaluation.MeanReward(learner.ActGreedy(evaluation.Requests)));
            var point = new CurvePoint(learner.RealSteps, score, clock.Elapsed.TotalSeconds);
            curve.Add(point);
            progress?.Report(point);
        }
    }
}
