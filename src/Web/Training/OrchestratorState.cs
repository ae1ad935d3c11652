namespace EdgeControl.Web.Training;

public enum OrchestratorState
{
    Starting,
    Learning,
    Stopped,
    Disabled,
    /// <summary>The learning loop threw; the run is marked failed and nothing learns until a restart.</summary>
    Faulted,
}
