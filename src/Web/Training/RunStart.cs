using EdgeControl.Data;

namespace EdgeControl.Web.Training;

/// <summary>The run the orchestrator continues, and the checkpoint it continues from (null: from scratch).</summary>
internal sealed record RunStart(TrainingRunEntity Run, SavedCheckpoint? Checkpoint);
