using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary>Learning curves made by hand, so the report's arithmetic can be checked exactly.</summary>
internal static class HandMadeRuns
{
    /// <summary>
    /// Evaluated every <paramref name="every"/> interactions up to <paramref name="max"/>: score 0.5
    /// before <paramref name="convergesAt"/> and 0.99 from there on (null: never). Regret and
    /// violations grow by <paramref name="costPerStep"/> per interaction before convergence and stop after.
    /// </summary>
    public static SeedRun Run(string agent, long seed, long? convergesAt, long max, long every = 100, double costPerStep = 1.0)
    {
        var curve = new List<CurvePoint>();
        for (var x = 0L; x <= max; x += every)
        {
            var converged = convergesAt is { } at && x >= at;
            var paidUntil = convergesAt is { } stop ? Math.Min(x, stop) : x;
            curve.Add(new CurvePoint(x, converged ? 0.99 : 0.5, x / 1000.0, paidUntil * costPerStep, (long)(paidUntil * costPerStep), double.NaN, double.NaN));
        }

        return new SeedRun(agent, "hand-made", seed, max / 1000.0, curve);
    }

    public static AgentRuns Agent(string agent, long max, params long?[] convergesAt) =>
        new(agent, "hand-made", convergesAt.Select((at, i) => Run(agent, i + 1, at, max)).ToList());
}
