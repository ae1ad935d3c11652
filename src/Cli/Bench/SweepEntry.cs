using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>One setting of a baseline's sweep as it did on the tuning seed.</summary>
/// <param name="Run">Its curve: up to where it held 0.95 in both loops, was stopped, or reached the maximum.</param>
/// <param name="StoppedAt">Real interactions at which it was stopped because it could no longer win (see <see cref="SweepPruning"/>).</param>
internal sealed record SweepEntry(string Agent, int Index, string Label, SeedRun Run, long? StoppedAt = null)
{
    /// <summary>The loop the sweep ranks settings by: closed loop, like the headline figures.</summary>
    public const ScoreLoop Ranked = ScoreLoop.Closed;

    public long? InteractionsTo95 => Run.InteractionsTo(ConvergenceReport.Threshold, Ranked);

    public double FinalScore => Run.FinalScore(Ranked);

    /// <summary>
    /// The winner: fewest real interactions to hold 0.95 closed loop (a setting that never held it counts as
    /// <paramref name="maxInteractions"/>), then the higher final closed-loop score, then the earlier setting.
    /// </summary>
    public static SweepEntry Best(IEnumerable<SweepEntry> entries, long maxInteractions) =>
        entries
            .OrderBy(e => e.InteractionsTo95 ?? maxInteractions)
            .ThenByDescending(e => e.FinalScore)
            .ThenBy(e => e.Index)
            .First();
}
