namespace EdgeControl.Web.Decisions;

/// <summary>Which policy decides for devices now: <c>learned</c> (the run's learner), <c>learned-greedy</c> (the learner, not exploring) or a fixed policy's name.</summary>
internal sealed record ServingPolicyResponse(string Policy);
