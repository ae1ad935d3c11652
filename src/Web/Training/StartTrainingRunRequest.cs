namespace EdgeControl.Web.Training;

/// <summary>
/// Body of <c>POST /api/v1/training-runs</c>. Omitted fields take the orchestrator's configured values;
/// <paramref name="Mode"/> is twin or live; <paramref name="WarmStart"/> starts from the latest checkpoint of the same learner on the same scenario,
/// <paramref name="WarmStartFrom"/> from the latest checkpoint of that run (same learner and scenario; e.g. one trained by <c>edgecontrol train --from-log</c>).
/// </summary>
internal sealed record StartTrainingRunRequest(
    string? Agent,
    string? Scenario,
    long? Seed,
    double? StepsPerSecond,
    long? EvaluateEvery,
    long? CheckpointEvery,
    bool? WarmStart,
    string? Mode = null,
    Guid? WarmStartFrom = null);
