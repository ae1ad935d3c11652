using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Dashboard.WhatIf;

/// <summary>
/// A user's latest request seen again: every placement the policy could have picked for it with the variant it
/// chose, predicted, beside what it chose and what was measured.
/// </summary>
public sealed record RequestWhatIf(
    string User,
    string Variant,
    double VariantTop1,
    PredictionSource Source,
    IReadOnlyList<WhatIfPlacement> Placements,
    string Chosen,
    Outcome Measured,
    double MeasuredReward,
    DateTimeOffset At);
