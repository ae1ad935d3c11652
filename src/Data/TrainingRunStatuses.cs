namespace EdgeControl.Data;

/// <summary>The values <c>training_runs.status</c> accepts (enforced by a check constraint).</summary>
public static class TrainingRunStatuses
{
    /// <summary>Learning now, or interrupted by a shutdown/kill: the orchestrator resumes it at start-up.</summary>
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
