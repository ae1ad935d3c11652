using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Evaluation;

/// <summary>
/// Runs a policy on the twin for a number of requests and reports what happened, with its closed-loop and open-loop
/// scores. The run uses the caller's seed; the scores use the evaluation's own fixed seeds, so they compare across policies.
/// </summary>
public static class PolicyRunner
{
    public static PolicyRunReport Run(Scenario scenario, IPolicy policy, int requests, long seed, PolicyEvaluation? evaluation = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed);
        double latency = 0, energy = 0, reward = 0;
        int violations = 0, sloMisses = 0;
        var perTarget = new int[twin.Actions.Targets];
        for (var i = 0; i < requests; i++)
        {
            var action = twin.Actions.Decode(policy.Decide(request));
            var result = twin.Step(action);
            latency += result.Outcome.LatencyMs;
            energy += result.Outcome.EnergyJ;
            reward += result.Reward;
            violations += result.Outcome.Accuracy < request.AccuracyRequirement ? 1 : 0;
            sloMisses += result.Outcome.LatencyMs > request.SloMs ? 1 : 0;
            perTarget[action.Target]++;
            request = result.Next;
        }

        evaluation ??= PolicyEvaluation.Create(scenario);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal) { ["local"] = perTarget[0] / (double)requests };
        for (var s = 0; s < scenario.Servers.Count; s++)
        {
            shares[scenario.Servers[s].Name] = perTarget[s + 1] / (double)requests;
        }

        return new PolicyRunReport(policy.Name, requests, latency / requests, energy / requests,
            violations / (double)requests, sloMisses / (double)requests, reward / requests,
            evaluation.OpenLoop.Score(policy), evaluation.ClosedLoop.Evaluate(policy), shares);
    }
}
