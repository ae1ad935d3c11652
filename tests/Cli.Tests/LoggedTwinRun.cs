using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// A logging policy acting on the twin, written down as the control plane logs its decisions: each request's context,
/// the action, the probability it was chosen with, the measured outcome and the reward. <see cref="Requests"/> keeps
/// the requests as the twin posed them, for the truth a test compares estimates with.
/// </summary>
internal sealed class LoggedTwinRun
{
    public static DateTimeOffset Start { get; } = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    public List<LoggedDecision> Rows { get; } = [];

    public List<Observation> Requests { get; } = [];

    /// <param name="serve">The logging policy: an action for the request and the probability it chose it with.</param>
    /// <param name="learn">Whether the logging policy learns from each outcome (a learner online), or null.</param>
    public static LoggedTwinRun Record(Scenario scenario, int requests, long seed, Func<Observation, ServedAction> serve, Action<Experience>? learn = null)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed);
        var run = new LoggedTwinRun();
        for (var i = 0; i < requests; i++)
        {
            var served = serve(request);
            var placement = twin.Actions.Decode(served.Action);
            var result = twin.Step(placement);
            run.Requests.Add(request);
            run.Rows.Add(Row(scenario, request, served, placement, result));
            learn?.Invoke(new Experience(request, served.Action, result.Outcome, result.Reward, result.Next));
            request = result.Next;
        }

        return run;
    }

    /// <summary>Uniformly random among the actions the accuracy prior allows (what a learner explores among), each with probability 1 / allowed.</summary>
    public static Func<Observation, ServedAction> UniformAmongAllowed(Scenario scenario, long seed)
    {
        var mask = new ActionMask(scenario);
        var rng = new Xoshiro256(seed);
        return request =>
        {
            var allowed = mask.Allowed(request);
            var actions = Enumerable.Range(0, allowed.Length).Where(a => allowed[a]).ToArray();
            var action = actions[rng.NextInt(actions.Length)];
            return new ServedAction(action, action, 1.0 / actions.Length);
        };
    }

    private static LoggedDecision Row(Scenario scenario, Observation request, ServedAction served, PlacementAction placement, StepResult result)
    {
        var user = scenario.Users[request.User];
        return new LoggedDecision(
            user.Name,
            placement.IsLocal ? $"{user.Name}-device" : scenario.Servers[placement.Server].Name,
            scenario.Catalog[placement.Variant].Name,
            result.Outcome.LatencyMs,
            result.Outcome.EnergyJ,
            result.Outcome.Accuracy,
            result.Reward,
            Start.AddSeconds(request.TimeSeconds),
            served.Action,
            served.Probability,
            "learned",
            request.UplinkMbps,
            request.RttEdgeMs,
            request.RttCloudMs,
            request.LocalLoad,
            scenario.Conditions[request.NetworkCondition].Name,
            request.ServerLoads);
    }
}
