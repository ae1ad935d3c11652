using System.Text.Json;
using System.Xml.Linq;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary>What <c>bench convergence</c> writes, checked on hand-made runs: the picture, results.json, the CSV files.</summary>
public class ConvergenceOutputTests
{
    private const long Max = 10_000;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly AgentRuns[] Runs =
    [
        HandMadeRuns.Agent("qlearning", Max, 6000, null),
        HandMadeRuns.Agent("dqn", Max, 900, 1200),
        HandMadeRuns.Agent("hl", Max, 100, 200),
    ];

    private static ConvergenceReport Report() => ConvergenceReport.Build("tiny & <odd>", 2, Max, Runs, new NamedScore("greedy", 0.93));

    [Fact]
    public void The_picture_is_well_formed_svg_with_one_median_line_per_agent_in_each_panel_and_the_non_learning_line()
    {
        var text = LearningCurveSvg.Build(Report(), Runs).ToString();

        var svg = XDocument.Parse(text).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        var panels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(2, panels.Count);
        foreach (var panel in panels)
        {
            var medians = panel.Elements(Svg + "path").Where(p => (string?)p.Attribute("class") == "median").ToList();
            Assert.Equal(["qlearning", "dqn", "hl"], medians.Select(p => (string?)p.Attribute("data-agent")));
            Assert.All(medians, p => Assert.StartsWith("M", (string?)p.Attribute("d"), StringComparison.Ordinal));
            Assert.Single(panel.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "non-learning");
        }

        var words = string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("tiny & <odd>", words, StringComparison.Ordinal);
        Assert.Contains("greedy (0.930)", words, StringComparison.Ordinal);
        Assert.Contains("1k", words, StringComparison.Ordinal);
        Assert.Contains("10k", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_json_has_the_documented_fields_and_speedups_keyed_by_baseline()
    {
        using var results = JsonDocument.Parse(ResultsJson.Write(Report(), 25, ConvergenceExperiment.TuningSeed, null));
        var root = results.RootElement;

        Assert.Equal(2, root.GetProperty("seeds").GetInt32());
        Assert.Equal(Max, root.GetProperty("maxInteractions").GetInt64());
        var q = root.GetProperty("agents")[0];
        Assert.Equal("qlearning", q.GetProperty("name").GetString());
        Assert.Equal((6000 + Max) / 2.0, q.GetProperty("interactionsToConverge").GetProperty("median").GetDouble());
        Assert.Equal(Max, q.GetProperty("interactionsToConverge").GetProperty("max").GetInt64());
        Assert.Equal(1, q.GetProperty("convergedSeeds").GetInt32());
        Assert.Equal("greedy", root.GetProperty("bestNonLearning").GetProperty("name").GetString());
        var versusQ = root.GetProperty("speedup").GetProperty("hl_vs_qlearning");
        Assert.Equal((6000 + Max) / 2.0 / 150, versusQ.GetProperty("ratio").GetDouble(), 9);
        Assert.True(versusQ.GetProperty("lowerBound").GetBoolean());
        Assert.False(root.GetProperty("speedup").GetProperty("hl_vs_dqn").GetProperty("lowerBound").GetBoolean());
        Assert.Equal(
            ["regret_hl_vs_qlearning", "regret_hl_vs_dqn", "violations_hl_vs_qlearning", "violations_hl_vs_dqn"],
            root.GetProperty("costOfLearning").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_childs_result_line_round_trips_with_a_missing_loss()
    {
        var run = new SeedRun("qlearning", "lr=0.2", 3, 1.5, [new CurvePoint(0, 0.5, 0.01, 0, 0, double.NaN, double.NaN), new CurvePoint(25, 0.75, 0.02, 3.5, 2, 0.125, double.NaN)]);

        var back = JobProtocol.ParseResult("some native library chatter\n" + JobProtocol.ResultLine(run) + "\n");

        Assert.Equal(run.Agent, back.Agent);
        Assert.Equal(run.Seed, back.Seed);
        Assert.Equal(run.Curve, back.Curve);
    }

    [Fact]
    public void Curves_csv_has_one_row_per_evaluation_and_an_empty_loss_when_there_is_none()
    {
        using var text = new StringWriter();
        CurvesCsv.Write(text, Runs);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("agent,seed,interactions,score,wallSeconds,cumulativeRegret,violations,modelLoss", lines[0].TrimEnd('\r'));
        Assert.Equal(1 + Runs.Sum(a => a.Runs.Sum(r => r.Curve.Count)), lines.Length);
        Assert.Equal("qlearning,1,0,0.5,0,0,0,", lines[1].TrimEnd('\r'));
    }
}
