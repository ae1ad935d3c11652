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
/// With <see cref="TrainingOptions.Change"/>, the environment changes under the learner at that step: the twin switches,
/// and regret and scores are measured against the changed environment's oracle from there on.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(ILearner learner, PolicyEvaluation evaluation, TrainingOptions options, IProgress<CurvePoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var scenario = evaluation.Scenario;
        // The closed-loop settings of the evaluation in use, kept for the one rebuilt at an environment change.
        var closedLoopOptions = evaluation.ClosedLoop.Options;
        var clock = Stopwatch.StartNew();
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(options.Seed);
        var curve = new List<CurvePoint>();
        var curveFrom = 0; // the first curve point in the current environment: convergence is judged from there
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
            if (options.Change is { } change && step == change.AtStep)
            {
                twin.ChangeTo(change.Changed);
                request = twin.Current;
                scenario = change.Changed;
                evaluation = PolicyEvaluation.Create(scenario, closedLoopOptions);
                curveFrom = curve.Count;
                Evaluate();
            }
            else if (options.IsEvaluationStep(step - (step > options.Change?.AtStep ? options.Change.AtStep : 0)))
            {
                Evaluate();
                // Both scores must have held the target: a run stopped earlier would leave the other one's convergence unknown.
                if (options.StopAfterConvergedAt is { } target
                    && (options.Change is null || step > options.Change.AtStep)
                    && HeldSince(target, ScoreLoop.Closed)
                    && HeldSince(target, ScoreLoop.Open))
                {
                    break;
                }
            }
        }

        return new TrainingResult(learner.Name, curve, clock.Elapsed.TotalSeconds);

        bool HeldSince(double target, ScoreLoop loop) =>
            Convergence.InteractionsTo(curve.GetRange(curveFrom, curve.Count - curveFrom), target, loop) is not null;

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
