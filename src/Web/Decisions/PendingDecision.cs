using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// What was decided for one request: the scenario it was decided on, the observation the policy saw, the action it
/// chose, the probability it chose it with and which policy served (<c>learned</c> or a fixed policy's name); logged
/// with the outcome, so the decision log holds whole experiences.
/// </summary>
internal sealed record PendingDecision(Scenario Scenario, Observation Request, int Action, double Probability, string ServedBy, DateTimeOffset DecidedAt);
