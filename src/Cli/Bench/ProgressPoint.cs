using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>An evaluation a running child reported: real interactions so far, the greedy policy's two scores, training seconds so far.</summary>
internal readonly record struct ProgressPoint(long Interactions, double ClosedLoopScore, double OpenLoopScore, double WallSeconds)
{
    public double ScoreOf(ScoreLoop loop) => loop == ScoreLoop.Closed ? ClosedLoopScore : OpenLoopScore;
}
