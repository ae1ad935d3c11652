namespace EdgeControl.Web.Training;

/// <summary>
/// What <see cref="TrainingRunStore.WriteAsync"/> did with a batch: nothing, because the trainer lease is no longer
/// the writer's (<paramref name="FencedOut"/>), or stored it, with the id of the checkpoint that holds a newly
/// published serving policy when the batch had one.
/// </summary>
internal sealed record StoredWrites(bool FencedOut, long? ServingCheckpointId);
