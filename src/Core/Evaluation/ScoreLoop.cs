namespace EdgeControl.Core.Evaluation;

/// <summary>Which score is meant: closed loop (the policy's own trajectories) or open loop (the fixed evaluation set).</summary>
public enum ScoreLoop
{
    Closed,
    Open,
}
