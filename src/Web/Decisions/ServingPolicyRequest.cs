namespace EdgeControl.Web.Decisions;

/// <summary>Body of <c>PUT /api/v1/serving-policy</c>: <c>learned</c>, <c>learned-greedy</c> (the learner with its exploration paused) or a fixed policy's name. Nullable so a missing field is reported by name.</summary>
internal sealed record ServingPolicyRequest(string? Policy);
