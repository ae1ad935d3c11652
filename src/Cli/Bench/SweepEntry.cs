namespace EdgeControl.Cli.Bench;

/// <summary>One setting of a baseline's sweep as it did on the tuning seed.</summary>
/// <param name="FinalScore">Its last score: where it held 0.95, was stopped, or reached the maximum.</param>
/// <param name="StoppedAt">Real interactions at which it was stopped because it could no longer win (see <see cref="SweepPruning"/>).</param>
internal sealed record SweepEntry(string Agent, int Index, string Label, long? InteractionsTo95, double FinalScore, double WallSeconds, long? StoppedAt = null)
{
    /// <summary>
    /// The winner: fewest real interactions to 0.95 (a setting that never held it counts as
    /// <paramref name="maxInteractions"/>), then the higher final score, then the earlier setting.
    /// </summary>
    public static SweepEntry Best(IEnumerable<SweepEntry> entries, long maxInteractions) =>
        entries
            .OrderBy(e => e.InteractionsTo95 ?? maxInteractions)
            .ThenByDescending(e => e.FinalScore)
            .ThenBy(e => e.Index)
            .First();
}
