using System.Text.Json;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Plots;

namespace EdgeControl.Cli.Tests;

/// <summary>What <c>bench convergence</c> writes, checked on hand-made runs: the table, the picture, results.json, the CSV files.</summary>
public class ConvergenceOutputTests
{
    private const long Max = 10_000;

    // hl holds 0.95 closed loop from 100 and 200 (median 150), open loop from 300 on both seeds.
    private static readonly AgentRuns[] Runs =
    [
        HandMadeRuns.Agent("qlearning", Max, 6000, null),
        HandMadeRuns.Agent("dqn", Max, 900, 1200),
        HandMadeRuns.Agent("hl", Max, new ConvergesAt(100, 300), new ConvergesAt(200, 300)),
    ];

    private static readonly NonLearningScore[] NonLearning = [new("greedy", 0.86, 0.005, 0.937), new("load-aware", 0.983, 0.002, 0.991)];

    private static ConvergenceReport Report() => ConvergenceReport.Build("tiny & <odd>", 2, Max, Runs, NonLearning);

    [Fact]
    public void The_table_prints_closed_loop_figures_first_then_open_loop_ones_and_says_which_is_which()
    {
        using var output = new StringWriter();
        ConvergenceTable.Write(output, Report(), interactive: false);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        var closedHeader = lines.FindIndex(l => l.StartsWith("agent", StringComparison.Ordinal) && l.Contains("closed-loop to 0.95", StringComparison.Ordinal));
        var openHeader = lines.FindIndex(l => l.StartsWith("agent", StringComparison.Ordinal) && l.Contains("open-loop to 0.95", StringComparison.Ordinal));
        Assert.InRange(closedHeader, 1, openHeader - 1);
        Assert.StartsWith("Closed loop", lines[closedHeader - 1], StringComparison.Ordinal);
        Assert.StartsWith("Open loop", lines[openHeader - 1], StringComparison.Ordinal);
        Assert.Equal("150", Cells(lines.Skip(closedHeader).First(l => l.StartsWith("hl ", StringComparison.Ordinal)))[2]); // agent, setting, to 0.95
        Assert.Equal("300", Cells(lines.Skip(openHeader).First(l => l.StartsWith("hl ", StringComparison.Ordinal)))[1]); // agent, to 0.95
        var text = string.Join('\n', lines);
        Assert.Contains("best non-learning policy (judged closed loop): load-aware, closed-loop score 0.983 (standard error 0.002), open-loop 0.991", text, StringComparison.Ordinal);
        var closedSpeedup = lines.FindIndex(l => l.StartsWith("speedup hl vs qlearning, closed loop: >53.3x", StringComparison.Ordinal));
        var openSpeedup = lines.FindIndex(l => l.StartsWith("speedup hl vs qlearning, open loop: >26.7x", StringComparison.Ordinal));
        Assert.InRange(closedSpeedup, 0, openSpeedup - 1);
    }

    [Fact]
    public void The_picture_has_a_closed_loop_panel_then_an_open_loop_one_each_with_its_own_curves_markers_and_non_learning_bar()
    {
        var figure = LearningCurveFigure.From(Report(), Runs);

        Assert.Equal(["closed loop", "open loop"], figure.Panels.Select(p => p.Title));
        var (closed, open) = (figure.Panels[0], figure.Panels[1]);
        Assert.All(figure.Panels, p => Assert.Equal(["qlearning", "dqn", "hl"], p.Series.Select(s => s.Agent)));
        // hl holds 0.95 closed loop from a median of 150 interactions and open loop from 300; qlearning's median is a lower bound.
        Assert.Equal(new double?[] { null, 1050, 150 }, closed.Series.Select(s => s.MedianTo95));
        Assert.Equal(new double?[] { null, 1050, 300 }, open.Series.Select(s => s.MedianTo95));
        Assert.NotEqual(closed.Series[2].Points.Select(p => p.Median), open.Series[2].Points.Select(p => p.Median));
        Assert.Equal(("load-aware", 0.983), (closed.BestNonLearning, closed.BestNonLearningScore));
        Assert.Equal(("load-aware", 0.991), (open.BestNonLearning, open.BestNonLearningScore));
    }

    [Fact]
    public void Runs_scored_only_open_loop_get_the_open_loop_panel_alone()
    {
        AgentRuns[] openLoopOnly = [.. Runs.Select(a => a with { Runs = [.. a.Runs.Select(r => r with { Curve = [.. r.Curve.Select(p => p with { ClosedLoopScore = double.NaN })] })] })];

        var figure = LearningCurveFigure.From(ConvergenceReport.Build("old", 2, Max, openLoopOnly, [new("local", double.NaN, double.NaN, 0.944)]), openLoopOnly);

        var panel = Assert.Single(figure.Panels);
        Assert.Equal("open loop", panel.Title);
        Assert.Equal(("local", 0.944), (panel.BestNonLearning, panel.BestNonLearningScore));
    }

    [Fact]
    public void Results_json_has_the_documented_fields_for_both_loops_and_speedups_keyed_by_baseline()
    {
        using var results = JsonDocument.Parse(ResultsJson.Write(Report(), 25, ConvergenceExperiment.TuningSeed, null));
        var root = results.RootElement;

        Assert.Equal(2, root.GetProperty("seeds").GetInt32());
        Assert.Equal(Max, root.GetProperty("maxInteractions").GetInt64());
        Assert.Equal(2000, root.GetProperty("closedLoopEvaluation").GetProperty("requestsPerSeed").GetInt32());
        var q = root.GetProperty("agents")[0];
        Assert.Equal("qlearning", q.GetProperty("name").GetString());
        Assert.Equal(2, q.GetProperty("seeds").GetInt32());
        foreach (var loop in new[] { "closedLoop", "openLoop" })
        {
            Assert.Equal((6000 + Max) / 2.0, q.GetProperty(loop).GetProperty("interactionsToConverge").GetProperty("median").GetDouble());
            Assert.Equal(Max, q.GetProperty(loop).GetProperty("interactionsToConverge").GetProperty("max").GetInt64());
            Assert.Equal(1, q.GetProperty(loop).GetProperty("convergedSeeds").GetInt32());
        }

        var hl = root.GetProperty("agents")[2];
        Assert.Equal(150, hl.GetProperty("closedLoop").GetProperty("interactionsToConverge").GetProperty("median").GetDouble());
        Assert.Equal(300, hl.GetProperty("openLoop").GetProperty("interactionsToConverge").GetProperty("median").GetDouble());

        var best = root.GetProperty("bestNonLearning");
        Assert.Equal("load-aware", best.GetProperty("name").GetString());
        Assert.Equal(0.983, best.GetProperty("closedLoopScore").GetDouble());
        Assert.Equal(0.991, best.GetProperty("openLoopScore").GetDouble());
        Assert.Equal(["greedy", "load-aware"], root.GetProperty("nonLearning").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        Assert.Equal(["closedLoop", "openLoop"], root.GetProperty("speedup").EnumerateObject().Select(p => p.Name));
        var versusQ = root.GetProperty("speedup").GetProperty("closedLoop").GetProperty("hl_vs_qlearning");
        Assert.Equal((6000 + Max) / 2.0 / 150, versusQ.GetProperty("ratio").GetDouble(), 9);
        Assert.True(versusQ.GetProperty("lowerBound").GetBoolean());
        Assert.Equal((6000 + Max) / 2.0 / 300, root.GetProperty("speedup").GetProperty("openLoop").GetProperty("hl_vs_qlearning").GetProperty("ratio").GetDouble(), 9);
        Assert.False(root.GetProperty("speedup").GetProperty("closedLoop").GetProperty("hl_vs_dqn").GetProperty("lowerBound").GetBoolean());
        Assert.Equal(
            ["regret_hl_vs_qlearning", "regret_hl_vs_dqn", "violations_hl_vs_qlearning", "violations_hl_vs_dqn"],
            root.GetProperty("costOfLearning").GetProperty("closedLoop").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_childs_result_line_round_trips_with_both_scores_and_a_missing_loss()
    {
        var run = new SeedRun("qlearning", "lr=0.2", 3, 1.5, [new CurvePoint(0, 0.5, 0.01, 0, 0, double.NaN, -0.25), new CurvePoint(25, 0.75, 0.02, 3.5, 2, 0.125, 0.625)]);

        var back = JobProtocol.ParseResult("some native library chatter\n" + JobProtocol.ResultLine(run) + "\n");

        Assert.Equal(run.Agent, back.Agent);
        Assert.Equal(run.Seed, back.Seed);
        Assert.Equal(run.Curve, back.Curve);
    }

    [Fact]
    public void A_childs_progress_line_carries_both_scores()
    {
        var point = new ProgressPoint(1250, 0.875, 0.96875, 12.5);

        Assert.True(JobProtocol.TryParseProgress(JobProtocol.ProgressLine(point), out var back));

        Assert.Equal(point, back);
        Assert.False(JobProtocol.TryParseProgress("progress 1250 0.96875 12.5", out _)); // the format without the closed-loop score
    }

    [Fact]
    public void Curves_csv_has_one_row_per_evaluation_with_both_scores_and_an_empty_loss_when_there_is_none()
    {
        using var text = new StringWriter();
        CurvesCsv.Write(text, Runs);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss", lines[0]);
        Assert.Equal(1 + Runs.Sum(a => a.Runs.Sum(r => r.Curve.Count)), lines.Count);
        Assert.Equal("qlearning,1,0,0.5,0.5,0,0,0,", lines[1]);
        Assert.Contains("hl,1,200,0.99,0.5,0.2,200,200,", lines);
    }

    [Fact]
    public void Sweep_csv_has_both_loops_of_every_setting()
    {
        using var text = new StringWriter();
        SweepCsv.Write(text, [new SweepEntry("dqn", 0, "lr=1e-3, 4 updates", HandMadeRuns.Run("dqn", 1000, new ConvergesAt(700, 300), Max)), new SweepEntry("dqn", 1, "b", HandMadeRuns.Run("dqn", 1000, new ConvergesAt(null, 300), 600), 600)]);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("agent,setting,closedLoopInteractionsTo95,closedLoopFinalScore,openLoopInteractionsTo95,openLoopFinalScore,wallSeconds,stoppedAt", lines[0]);
        Assert.Equal("dqn,\"lr=1e-3, 4 updates\",700,0.99,300,0.99,10,", lines[1]);
        Assert.Equal("dqn,b,,0.5,300,0.99,0.6,600", lines[2]);
    }

    private static string[] Cells(string row) => row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
