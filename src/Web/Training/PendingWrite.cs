using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>
/// Something the learning thread produced that must reach the database: a curve point, a checkpoint, or a
/// final run status. Plain data, so a failed batch is rebuilt into fresh entities on the next attempt.
/// </summary>
internal sealed record PendingWrite(
    long RealInteractions,
    CurvePoint? Point = null,
    SavedCheckpoint? Checkpoint = null,
    string? FinalStatus = null);
