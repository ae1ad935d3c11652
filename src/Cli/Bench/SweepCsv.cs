using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// <c>sweep.csv</c>: every setting of every swept baseline on the tuning seed, in both loops (closed loop first; the
/// sweep ranks by it). <c>stoppedAt</c> is set for a setting stopped once it could no longer beat the best one.
/// </summary>
internal static class SweepCsv
{
    public const string Header = "agent,setting,closedLoopInteractionsTo95,closedLoopFinalScore,openLoopInteractionsTo95,openLoopFinalScore,wallSeconds,stoppedAt";

    public static void Write(TextWriter output, IEnumerable<SweepEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        output.WriteLine(Header);
        foreach (var e in entries)
        {
            output.WriteLine(Csv.Row(Csv.Field(e.Agent), Csv.Field(e.Label),
                To95(e.Run, ScoreLoop.Closed), Csv.Number(e.Run.FinalScore(ScoreLoop.Closed)),
                To95(e.Run, ScoreLoop.Open), Csv.Number(e.Run.FinalScore(ScoreLoop.Open)),
                Csv.Number(e.Run.WallSeconds), e.StoppedAt is { } stopped ? Csv.Number(stopped) : ""));
        }
    }

    private static string To95(SeedRun run, ScoreLoop loop) =>
        run.InteractionsTo(ConvergenceReport.Threshold, loop) is { } at ? Csv.Number(at) : "";
}
