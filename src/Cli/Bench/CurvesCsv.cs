namespace EdgeControl.Cli.Bench;

/// <summary><c>curves.csv</c>: every evaluation point of every main run, both scores (closed loop first).</summary>
internal static class CurvesCsv
{
    public const string Header = "agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss";

    public static void Write(TextWriter output, IEnumerable<AgentRuns> agents)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(agents);
        output.WriteLine(Header);
        foreach (var run in agents.SelectMany(a => a.Runs))
        {
            foreach (var p in run.Curve)
            {
                output.WriteLine(Csv.Row(Csv.Field(run.Agent), Csv.Number(run.Seed), Csv.Number(p.RealInteractions), Csv.Number(p.ClosedLoopScore),
                    Csv.Number(p.Score), Csv.Number(p.WallSeconds), Csv.Number(p.CumulativeRegret), Csv.Number(p.Violations), Csv.Number(p.ModelLoss)));
            }
        }
    }
}
