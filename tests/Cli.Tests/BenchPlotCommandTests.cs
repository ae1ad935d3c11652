using System.Xml.Linq;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol bench plot</c>: the learning-curve picture drawn again from an experiment's results folder.</summary>
public sealed class BenchPlotCommandTests : IDisposable
{
    private const long Max = 10_000;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly AgentRuns[] Runs =
    [
        HandMadeRuns.Agent("qlearning", Max, 6000, null),
        HandMadeRuns.Agent("hl", Max, new ConvergesAt(100, 300), new ConvergesAt(200, 300)),
    ];

    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("edgecontrol-plot-");

    public void Dispose() => _results.Delete(recursive: true);

    [Fact]
    public void It_draws_both_pictures_from_results_json_and_curves_csv_without_rerunning_the_experiment()
    {
        WriteResults(Runs);

        var result = EdgeControlProcess.Run("bench", "plot", "--out", _results.FullName);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("drew the curves of 2 agents on 'tiny': wrote curves.svg, curves.png", result.Stdout, StringComparison.Ordinal);
        var words = Words(XDocument.Load(Path.Combine(_results.FullName, "curves.svg")));
        Assert.Contains("Learning curves on 'tiny'", words, StringComparison.Ordinal);
        Assert.Contains("closed loop", words, StringComparison.Ordinal);
        Assert.Contains("open loop", words, StringComparison.Ordinal);
        Assert.Contains("best non-learning policy: load-aware (0.983)", words, StringComparison.Ordinal);
        byte[] pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        Assert.Equal(pngSignature, File.ReadAllBytes(Path.Combine(_results.FullName, "curves.png"))[..4]);
    }

    [Fact]
    public void The_experiment_read_back_is_the_one_written()
    {
        WriteResults(Runs);

        var read = ExperimentResults.Read(_results.FullName);

        var written = Report(Runs);
        Assert.Equal((written.Scenario, written.Seeds, written.MaxInteractions), (read.Report.Scenario, read.Report.Seeds, read.Report.MaxInteractions));
        Assert.Equal(written.Agents, read.Report.Agents);
        Assert.Equal(written.NonLearning, read.Report.NonLearning);
        Assert.Equal(written.Speedups, read.Report.Speedups);
        Assert.Equal(written.Costs, read.Report.Costs);
        Assert.Equal(Runs.Select(a => (a.Agent, a.Setting)), read.Runs.Select(a => (a.Agent, a.Setting)));
        Assert.Equal(Runs.SelectMany(a => a.Runs).SelectMany(r => r.Curve), read.Runs.SelectMany(a => a.Runs).SelectMany(r => r.Curve));
    }

    [Fact]
    public void An_experiment_from_before_closed_loop_scores_is_drawn_with_its_open_loop_panel_alone()
    {
        // The format bench convergence wrote then: one score (open loop) and the best non-learning policy's alone.
        File.WriteAllLines(Path.Combine(_results.FullName, "curves.csv"),
        [
            "agent,seed,interactions,score,wallSeconds,cumulativeRegret,violations,modelLoss",
            "hl,1,0,0.5,0.01,0,0,", "hl,1,100,0.97,0.2,10,3,0.5", "hl,1,200,0.98,0.4,12,3,0.25",
        ]);
        File.WriteAllText(Path.Combine(_results.FullName, "results.json"), """
            { "scenario": "old", "seeds": 1, "maxInteractions": 200, "agents": [ { "name": "hl", "setting": "default" } ],
              "bestNonLearning": { "name": "local", "score": 0.944 } }
            """);

        var result = EdgeControlProcess.Run("bench", "plot", "--out", _results.FullName);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        var words = Words(XDocument.Load(Path.Combine(_results.FullName, "curves.svg")));
        Assert.Contains("open loop", words, StringComparison.Ordinal);
        Assert.DoesNotContain("closed loop", words, StringComparison.Ordinal);
        Assert.Contains("best non-learning policy: local (0.944)", words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_results_exits_2_naming_the_missing_file()
    {
        var result = EdgeControlProcess.Run("bench", "plot", "--out", _results.FullName);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"option --out names '{_results.FullName}', which has no results.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_curves_file_exits_1_naming_the_line()
    {
        WriteResults(Runs);
        var curves = Path.Combine(_results.FullName, "curves.csv");
        File.AppendAllText(curves, "hl,2,10100,0.99,oops,1,0,0,\n");

        var result = EdgeControlProcess.Run("bench", "plot", "--out", _results.FullName);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"curves.csv line {File.ReadAllLines(curves).Length}: field 5 is not a number ('oops')", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_results.FullName, "curves.svg")));
    }

    private static ConvergenceReport Report(IReadOnlyList<AgentRuns> runs) =>
        ConvergenceReport.Build("tiny", 2, Max, runs, [new NonLearningScore("greedy", 0.86, 0.005, 0.937), new NonLearningScore("load-aware", 0.983, 0.002, 0.991)]);

    /// <summary>The files bench convergence writes, from hand-made runs.</summary>
    private void WriteResults(IReadOnlyList<AgentRuns> runs)
    {
        File.WriteAllText(Path.Combine(_results.FullName, "results.json"), ResultsJson.Write(Report(runs), 100, null, null));
        using var curves = new StreamWriter(Path.Combine(_results.FullName, "curves.csv"));
        CurvesCsv.Write(curves, runs);
    }

    private static string Words(XDocument svg) => string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));
}
