using System.ComponentModel;

namespace EdgeControl.Web.Training;

public sealed record TrainingRunResponse(
    Guid Id,
    string Agent,
    string ScenarioName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long RealInteractions,
    [property: Description("Best closed-loop normalised score of the run's evaluations (see the curve's closedLoopScore); null before the first evaluation that measured it.")]
    double? BestClosedLoopScore,
    [property: Description("Best open-loop normalised score of the run's evaluations (see the curve's score); null before the first evaluation.")]
    double? BestScore);
