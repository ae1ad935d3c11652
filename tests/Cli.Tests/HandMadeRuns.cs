using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary>Learning curves made by hand, so the report's arithmetic can be checked exactly.</summary>
internal static class HandMadeRuns
{
    /// <summary>The same convergence point in both loops.</summary>
    public static SeedRun Run(string agent, long seed, long? convergesAt, long max, long every = 100, double costPerStep = 1.0) =>
        Run(agent, seed, new ConvergesAt(convergesAt, convergesAt), max, every, costPerStep);

    /// <summary>
    /// Evaluated every <paramref name="every"/> interactions up to <paramref name="max"/>: in each loop, score 0.5
    /// before its convergence point and 0.99 from there on (null: never). Regret and violations grow by
    /// <paramref name="costPerStep"/> per interaction until the later of the two points and stop after.
    /// <paramref name="finalClosedLoopScore"/> replaces the last closed-loop score.
    /// </summary>
    public static SeedRun Run(string agent, long seed, ConvergesAt at, long max, long every = 100, double costPerStep = 1.0, double? finalClosedLoopScore = null)
    {
        var paying = at.Closed is { } c && at.Open is { } o ? Math.Max(c, o) : (long?)null;
        var curve = new List<CurvePoint>();
        for (var x = 0L; x <= max; x += every)
        {
            var paidUntil = paying is { } stop ? Math.Min(x, stop) : x;
            var closed = x + every > max && finalClosedLoopScore is { } final ? final : Score(at.Closed, x);
            curve.Add(new CurvePoint(x, Score(at.Open, x), x / 1000.0, paidUntil * costPerStep, (long)(paidUntil * costPerStep), double.NaN, closed));
        }

        return new SeedRun(agent, "hand-made", seed, max / 1000.0, curve);
    }

    public static AgentRuns Agent(string agent, long max, params long?[] convergesAt) =>
        new(agent, "hand-made", convergesAt.Select((at, i) => Run(agent, i + 1, at, max)).ToList());

    public static AgentRuns Agent(string agent, long max, params ConvergesAt[] convergesAt) =>
        new(agent, "hand-made", convergesAt.Select((at, i) => Run(agent, i + 1, at, max)).ToList());

    private static double Score(long? convergesAt, long x) => convergesAt is { } at && x >= at ? 0.99 : 0.5;
}
