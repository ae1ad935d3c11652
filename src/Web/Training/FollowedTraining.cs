using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Training;

/// <summary>What an instance that does not train last heard from the one that does (over the cluster bus).</summary>
public sealed record FollowedTraining(string Trainer, Guid RunId, long RealInteractions, PolicyScores? LatestScores);
