using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Training;

/// <summary>What the orchestrator is doing now, for health checks and the dashboard.</summary>
/// <param name="LatestScores">The greedy policy's scores at the run's latest evaluation in this process; null before it.</param>
public sealed record OrchestratorSnapshot(OrchestratorState State, Guid? RunId, long RealInteractions, PolicyScores? LatestScores)
{
    /// <summary>Why the learning loop stopped, when <see cref="State"/> is <see cref="OrchestratorState.Faulted"/>.</summary>
    public string? Fault { get; init; }

    /// <summary>The run learns from connected devices' measured outcomes only (live mode), not on the twin.</summary>
    public bool Live { get; init; }

    /// <summary>The instance that trains (<c>Cluster:InstanceName</c>), when <see cref="State"/> is <see cref="OrchestratorState.Following"/> and it was heard from.</summary>
    public string? Trainer { get; init; }
}
