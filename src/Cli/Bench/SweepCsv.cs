namespace EdgeControl.Cli.Bench;

/// <summary>
/// <c>sweep.csv</c>: every setting of every swept baseline on the tuning seed. <c>stoppedAt</c> is set
/// for a setting stopped once it could no longer beat the best one (its interactionsTo95 is then empty).
/// </summary>
internal static class SweepCsv
{
    public const string Header = "agent,setting,interactionsTo95,finalScore,wallSeconds,stoppedAt";

    public static void Write(TextWriter output, IEnumerable<SweepEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        output.WriteLine(Header);
        foreach (var e in entries)
        {
            output.WriteLine(Csv.Row(Csv.Field(e.Agent), Csv.Field(e.Label),
                e.InteractionsTo95 is { } at ? Csv.Number(at) : "", Csv.Number(e.FinalScore), Csv.Number(e.WallSeconds),
                e.StoppedAt is { } stopped ? Csv.Number(stopped) : ""));
        }
    }
}
