using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>A non-learning policy's two scores (random 0, oracle 1) from the same evaluation the learners get.</summary>
/// <param name="ClosedLoopStandardError">Standard error of the closed-loop score across the evaluation's seeds.</param>
internal sealed record NonLearningScore(string Name, double ClosedLoop, double ClosedLoopStandardError, double OpenLoop)
{
    public double ScoreOf(ScoreLoop loop) => loop == ScoreLoop.Closed ? ClosedLoop : OpenLoop;
}
