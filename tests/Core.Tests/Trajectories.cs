using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>Runs the twin with a given way of choosing actions and records what it saw.</summary>
internal static class Trajectories
{
    /// <summary>The observations the twin produced (the first one included) while <paramref name="decide"/> chose every action.</summary>
    public static List<Observation> Observations(Scenario scenario, long seed, int steps, Func<Observation, int> decide)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed);
        var seen = new List<Observation>(steps + 1) { request };
        for (var i = 0; i < steps; i++)
        {
            request = twin.Step(decide(request)).Next;
            seen.Add(request);
        }

        return seen;
    }

    /// <summary>Every observation, outcome and reward of a run with uniformly random actions as text, so two runs compare field by field.</summary>
    public static List<string> Record(Scenario scenario, long seed, int steps, long actionSeed)
    {
        var twin = new EdgeCloudTwin(scenario);
        var actions = new Xoshiro256(actionSeed);
        return Record(twin.Reset, twin.Step, seed, steps, _ => actions.NextInt(twin.Actions.Count));
    }

    /// <summary>The same record of any implementation of the twin's contract (reset, step), with <paramref name="decide"/> choosing every action.</summary>
    public static List<string> Record(Func<long, Observation> reset, Func<int, StepResult> step, long seed, int steps, Func<Observation, int> decide)
    {
        var request = reset(seed);
        var record = new List<string>(steps + 1) { Describe(request) };
        for (var i = 0; i < steps; i++)
        {
            var result = step(decide(request));
            record.Add(string.Create(CultureInfo.InvariantCulture,
                $"{result.Outcome.LatencyMs:R} {result.Outcome.EnergyJ:R} {result.Outcome.Accuracy:R} {result.Reward:R} -> {Describe(result.Next)}"));
            request = result.Next;
        }

        return record;
    }

    private static string Describe(Observation o) => string.Create(CultureInfo.InvariantCulture,
        $"user {o.User} class {o.DeviceClass} condition {o.NetworkCondition} {o.UplinkMbps:R}/{o.RttEdgeMs:R}/{o.RttCloudMs:R} " +
        $"local {o.LocalLoad} servers [{string.Join(',', o.ServerLoads)}] needs {o.AccuracyRequirement:R}/{o.SloMs:R}/{o.EnergyWeight:R} at {o.TimeSeconds:R}");
}
