namespace EdgeControl.Web.Decisions;

/// <summary>
/// Where one request should run and with which model variant. <paramref name="Action"/> is the learner's action
/// index (the device reports it back with the outcome); <paramref name="Explored"/> says the learner tried something;
/// <paramref name="Probability"/> is the probability the serving policy chose this action with (1 when greedy or
/// fixed); <paramref name="ServedBy"/> is <see cref="ServingPolicies.Learned"/>, <see cref="ServingPolicies.LearnedGreedy"/> or the fixed policy's name.
/// </summary>
public sealed record PlacementDecision(
    string RequestId, int Action, string Target, string TargetTier, string Variant, bool Explored, double Probability, string ServedBy);
