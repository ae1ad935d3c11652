using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>What a subscriber of <see cref="TrainingNotifier"/> receives: a run's status, with a new curve point when there is one.</summary>
public sealed record TrainingUpdate(Guid RunId, string Status, CurvePoint? Point);
