using EdgeControl.Data;

namespace EdgeControl.Web.Training;

/// <summary>
/// The run the orchestrator learns in, and the checkpoint it starts from (null: from scratch).
/// <paramref name="IsContinuation"/>: the checkpoint is the run's own (a resume after a restart), not a warm start's.
/// </summary>
internal sealed record RunStart(TrainingRunEntity Run, SavedCheckpoint? Checkpoint, bool IsContinuation = false);
