using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>One logged decision an off-policy estimate can weigh: the request it answered, the action, the probability the logging policy chose it with, and its reward.</summary>
internal sealed record LoggedSample(Observation Context, int Action, double Probability, double Reward, Outcome Outcome);
