using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// One learner's row of results.json: interactions to reach 95 % of the oracle's score (median over seeds) and its
/// final score, both in the scores of <paramref name="Loop"/>.
/// </summary>
public sealed record BaselineSummary(string Agent, string Setting, long? InteractionsToConverge, bool LowerBound, double? FinalScore, ScoreLoop Loop);
