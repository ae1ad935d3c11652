namespace EdgeControl.Web.Training;

public enum OrchestratorState
{
    Starting,
    Learning,
    /// <summary>The host is stopping; the run stays marked running and resumes at the next start.</summary>
    Stopped,
    /// <summary>An admin stopped the run and started none.</summary>
    Idle,
    Disabled,
    /// <summary>Another instance holds the trainer lease and trains; this one serves its published policy and would take over.</summary>
    Following,
    /// <summary>The learning loop threw; the run is marked failed and nothing learns until a restart.</summary>
    Faulted,
}
