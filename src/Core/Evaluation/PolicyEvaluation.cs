using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Evaluation;

/// <summary>Both ways a policy is scored during training: closed loop on its own trajectories, open loop on the fixed set.</summary>
public sealed class PolicyEvaluation
{
    private PolicyEvaluation(EvaluationSet openLoop, ClosedLoopEvaluation closedLoop)
    {
        OpenLoop = openLoop;
        ClosedLoop = closedLoop;
    }

    public Scenario Scenario => OpenLoop.Scenario;

    public EvaluationSet OpenLoop { get; }

    public ClosedLoopEvaluation ClosedLoop { get; }

    public static PolicyEvaluation Create(Scenario scenario, ClosedLoopOptions? closedLoop = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new PolicyEvaluation(EvaluationSet.Create(scenario), ClosedLoopEvaluation.Create(scenario, closedLoop));
    }

    /// <summary>Scores a policy that decides many requests at once (a learner's greedy <c>ActGreedy</c>).</summary>
    public PolicyScores Score(Func<IReadOnlyList<Observation>, int[]> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var closed = ClosedLoop.Evaluate(decide).Score;
        var open = OpenLoop.NormalizedScore(OpenLoop.MeanReward(decide(OpenLoop.Requests)));
        return new PolicyScores(closed, open);
    }
}
