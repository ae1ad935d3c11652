namespace EdgeControl.Web.Decisions;

/// <summary>Which policy decides for devices now: <c>learned</c> (the run's learner) or a fixed policy's name.</summary>
internal sealed record ServingPolicyResponse(string Policy);
