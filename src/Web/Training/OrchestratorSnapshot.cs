namespace EdgeControl.Web.Training;

/// <summary>What the orchestrator is doing now, for health checks and the dashboard.</summary>
public sealed record OrchestratorSnapshot(OrchestratorState State, Guid? RunId, long RealInteractions, double? LatestScore)
{
    /// <summary>Why the learning loop stopped, when <see cref="State"/> is <see cref="OrchestratorState.Faulted"/>.</summary>
    public string? Fault { get; init; }
}
