using System.Text.Json;
using System.Xml.Linq;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary>What <c>bench convergence</c> writes, checked on hand-made runs: the table, the picture, results.json, the CSV files.</summary>
public class ConvergenceOutputTests
{
    private const long Max = 10_000;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

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
        var lines = ConvergenceTable.Format(Report()).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

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
    public void The_picture_is_well_formed_svg_with_closed_loop_panels_above_open_loop_ones_each_with_every_agents_median_and_the_non_learning_line()
    {
        var text = LearningCurveSvg.Build(Report(), Runs).ToString();

        var svg = XDocument.Parse(text).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        var panels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(["closed", "closed-zoom", "open", "open-zoom"], panels.Select(p => (string?)p.Attribute("data-panel")));
        Assert.Equal(["closed", "closed", "open", "open"], panels.Select(p => (string?)p.Attribute("data-loop")));
        foreach (var panel in panels)
        {
            var medians = panel.Elements(Svg + "path").Where(p => (string?)p.Attribute("class") == "median").ToList();
            Assert.Equal(["qlearning", "dqn", "hl"], medians.Select(p => (string?)p.Attribute("data-agent")));
            Assert.All(medians, p => Assert.StartsWith("M", (string?)p.Attribute("d"), StringComparison.Ordinal));
            Assert.Single(panel.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "non-learning");
        }

        // The closed-loop and the open-loop curves of hl differ, so the two panels cannot be drawn from one score.
        string HlMedian(XElement panel) => (string)panel.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "median" && (string?)p.Attribute("data-agent") == "hl").Attribute("d")!;
        Assert.NotEqual(HlMedian(panels[1]), HlMedian(panels[3]));
        var converged = svg.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "converged").ToList();
        Assert.Equal(2, converged.Count(c => (string?)c.Attribute("data-loop") == "closed"));
        Assert.Equal(2, converged.Count(c => (string?)c.Attribute("data-loop") == "open"));

        var words = string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("tiny & <odd>", words, StringComparison.Ordinal);
        Assert.Contains("load-aware (0.983)", words, StringComparison.Ordinal);
        Assert.Contains("load-aware (0.991)", words, StringComparison.Ordinal);
        Assert.Contains("Closed loop", words, StringComparison.Ordinal);
        Assert.Contains("Open loop", words, StringComparison.Ordinal);
        Assert.Contains("1k", words, StringComparison.Ordinal);
        Assert.Contains("10k", words, StringComparison.Ordinal);
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
