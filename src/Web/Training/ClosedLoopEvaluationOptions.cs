using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Training;

/// <summary>
/// Size of the closed-loop evaluation at every curve point (section <c>Orchestrator:ClosedLoop</c>); the defaults are
/// <see cref="ClosedLoopOptions.Default"/>, what <c>edgecontrol bench convergence</c> measures with, so a run's curve
/// and the experiment's compare. An evaluation holds the learning thread: on paper-mobilenet about 0.1-0.15 s for
/// DQN or HL (0.4 s cold), against 5 s between evaluations at the default pace; smaller for an unpaced run that
/// evaluates often, at the price of a noisier score.
/// </summary>
internal sealed class ClosedLoopEvaluationOptions
{
    /// <summary>Trajectories of the twin per evaluation, decided in one batch per step.</summary>
    public int Seeds { get; set; } = ClosedLoopOptions.Default.Seeds;

    /// <summary>Requests per trajectory decided by the policy but not scored, while the loads it causes build up.</summary>
    public int WarmUpRequests { get; set; } = ClosedLoopOptions.Default.WarmUpRequests;

    /// <summary>Scored requests per trajectory.</summary>
    public int RequestsPerSeed { get; set; } = ClosedLoopOptions.Default.RequestsPerSeed;

    public ClosedLoopOptions ToOptions() => new(Seeds, WarmUpRequests, RequestsPerSeed);
}
