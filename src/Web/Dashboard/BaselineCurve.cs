using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Dashboard;

/// <summary>One learner's mean learning curve over the seeds of a convergence experiment, in the scores of <paramref name="Loop"/>.</summary>
public sealed record BaselineCurve(string Agent, IReadOnlyList<long> Interactions, IReadOnlyList<double> MeanScore, int Seeds, ScoreLoop Loop);
