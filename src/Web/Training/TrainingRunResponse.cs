namespace EdgeControl.Web.Training;

public sealed record TrainingRunResponse(
    Guid Id,
    string Agent,
    string ScenarioName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long RealInteractions,
    double? BestScore);
