using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// One agent's adaptation in one score loop, medians over its seeds. Every score after the shift is against the changed
/// environment's oracle and random policy; the curve's point at the shift itself is the old policy scored in the new environment.
/// </summary>
/// <param name="Recovery">Real interactions after the shift until the greedy policy holds 0.95 again (<see cref="Convergence"/>'s "holds").</param>
/// <param name="ScoreBefore">Score at the last evaluation before the shift (in the old environment).</param>
/// <param name="ScoreAtShift">Score of the same policy right at the shift, in the changed environment.</param>
/// <param name="Regret">Regret against the changed environment's oracle summed from the shift to the seed's recovery (or its end).</param>
/// <param name="Missed">Real requests that missed their SLO or accuracy requirement between the shift and the seed's recovery (or its end).</param>
internal sealed record AdaptationLoop(InteractionStats Recovery, double ScoreBefore, double ScoreAtShift, double FinalScore, double Regret, double Missed)
{
    public static AdaptationLoop From(IReadOnlyList<SeedRun> runs, ScoreLoop loop, long at, long recoverWithin)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var recoveries = runs.Select(r => RecoveryOf(r, loop, at)).ToList();
        var spans = runs.Zip(recoveries, (run, recovery) =>
        {
            var shift = AfterShift(run, at)[0];
            var end = recovery is { } x ? run.Curve.Last(p => p.RealInteractions <= at + x) : run.Curve[^1];
            return (Regret: end.CumulativeRegret - shift.CumulativeRegret, Missed: (double)(end.Violations - shift.Violations));
        }).ToList();
        return new AdaptationLoop(
            InteractionStats.From(recoveries, recoverWithin),
            Statistics.Median(runs.Select(r => r.Curve.Last(p => p.RealInteractions < at).ScoreOf(loop))),
            Statistics.Median(runs.Select(r => AfterShift(r, at)[0].ScoreOf(loop))),
            Statistics.Median(runs.Select(r => r.FinalScore(loop))),
            Statistics.Median(spans.Select(s => s.Regret)),
            Statistics.Median(spans.Select(s => s.Missed)));
    }

    /// <summary>Real interactions after the shift at <paramref name="at"/> until the run held 0.95 again; null if it never did.</summary>
    public static long? RecoveryOf(SeedRun run, ScoreLoop loop, long at)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Convergence.InteractionsTo(AfterShift(run, at), ConvergenceReport.Threshold, loop) is { } reached ? reached - at : null;
    }

    /// <summary>The curve from the shift on: the trainer scores the policy once at the shift step, in the changed environment.</summary>
    private static List<CurvePoint> AfterShift(SeedRun run, long at)
    {
        var after = run.Curve.Where(p => p.RealInteractions >= at).ToList();
        return after.Count > 0 ? after : throw new InvalidDataException($"{run.Agent} seed {run.Seed} has no evaluation after the shift at {at}");
    }
}
