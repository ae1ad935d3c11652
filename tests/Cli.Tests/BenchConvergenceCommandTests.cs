using System.Text.Json;
using System.Xml.Linq;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol bench convergence</c> end to end. Only tabular Q-learning is trained here: it takes
/// a fraction of a second, where TorchSharp learners take many.
/// </summary>
public sealed class BenchConvergenceCommandTests : IDisposable
{
    private static readonly string[] AgentFields = ["name", "setting", "seeds", "wallSeconds", "closedLoop", "openLoop"];

    private static readonly string[] LoopFields =
    [
        "interactionsToConverge", "interactionsTo90", "interactionsTo98", "convergedSeeds", "finalScore", "cumulativeRegret", "violationsDuringLearning",
    ];

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("edgecontrol-bench-");

    public void Dispose() => _out.Delete(recursive: true);

    [Fact]
    public void Tabular_Q_learning_on_a_city_is_refused_before_any_run_with_the_size_of_its_table()
    {
        var result = EdgeControlProcess.Run("bench", "convergence", "--scenario", Path.Combine(EdgeControlProcess.RepositoryRoot, "scenarios", "city-10k.json"),
            "--agents", "dqn,qlearning", "--seeds", "1", "--max-interactions", "100", "--out", _out.FullName);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("qlearning cannot run on 'city-10k'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("22 servers", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_out.EnumerateFiles());
    }

    [Fact]
    public void A_small_run_prints_results_json_with_both_loops_and_writes_results_curves_and_the_picture_as_svg_and_png()
    {
        var result = EdgeControlProcess.Run("bench", "convergence", "--scenario", EdgeControlProcess.ShippedScenario,
            "--agents", "qlearning", "--seeds", "2", "--max-interactions", "2000", "--no-sweep", "--out", _out.FullName, "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var printed = JsonDocument.Parse(result.Stdout);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.FullName, "results.json")));
        Assert.Equal(written.RootElement.ToString(), printed.RootElement.ToString());
        var root = written.RootElement;
        Assert.Equal("paper-mobilenet", root.GetProperty("scenario").GetString());
        Assert.Equal(2, root.GetProperty("seeds").GetInt32());
        Assert.Equal(2000, root.GetProperty("maxInteractions").GetInt64());
        var agent = Assert.Single(root.GetProperty("agents").EnumerateArray());
        Assert.All(AgentFields, f => Assert.True(agent.TryGetProperty(f, out _), $"agents[0].{f} is missing"));
        Assert.Equal("qlearning", agent.GetProperty("name").GetString());
        Assert.Equal(2, agent.GetProperty("seeds").GetInt32());
        foreach (var loop in new[] { "closedLoop", "openLoop" })
        {
            var figures = agent.GetProperty(loop);
            Assert.All(LoopFields, f => Assert.True(figures.TryGetProperty(f, out _), $"agents[0].{loop}.{f} is missing"));
            var converge = figures.GetProperty("interactionsToConverge");
            Assert.InRange(converge.GetProperty("min").GetInt64(), 0, converge.GetProperty("max").GetInt64());
            Assert.InRange(converge.GetProperty("max").GetInt64(), 0, 2000);
            Assert.Equal(JsonValueKind.Number, figures.GetProperty("finalScore").ValueKind);
        }

        // The non-learning policies include the load-aware heuristic, and the best is the one with the highest closed-loop score.
        var nonLearning = root.GetProperty("nonLearning").EnumerateArray().ToList();
        Assert.Contains(nonLearning, p => p.GetProperty("name").GetString() == "load-aware");
        var best = root.GetProperty("bestNonLearning");
        Assert.Equal(nonLearning.Max(p => p.GetProperty("closedLoopScore").GetDouble()), best.GetProperty("closedLoopScore").GetDouble());
        Assert.True(best.GetProperty("openLoopScore").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("speedup").GetProperty("closedLoop").ValueKind);

        var curves = File.ReadAllLines(Path.Combine(_out.FullName, "curves.csv"));
        Assert.Equal("agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss", curves[0]);
        Assert.Contains(curves, l => l.StartsWith("qlearning,1,2000,", StringComparison.Ordinal));
        Assert.Contains(curves, l => l.StartsWith("qlearning,2,2000,", StringComparison.Ordinal));

        var svg = XDocument.Load(Path.Combine(_out.FullName, "curves.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        byte[] pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        Assert.Equal(pngSignature, File.ReadAllBytes(Path.Combine(_out.FullName, "curves.png"))[..4]);
        Assert.False(File.Exists(Path.Combine(_out.FullName, "sweep.csv")));
        Assert.Contains("qlearning seed 2", result.Stderr, StringComparison.Ordinal); // progress
    }

    [Theory]
    [InlineData("--agents", "qlearning,psychic", "unknown agent 'psychic'")]
    [InlineData("--seeds", "0", "--seeds must be between 1")]
    [InlineData("--max-interactions", "50", "--max-interactions must be between 100")]
    [InlineData("--jobs", "many", "--jobs must be a whole number")]
    public void A_bad_option_exits_2_naming_it(string option, string value, string message)
    {
        var args = new Dictionary<string, string>
        {
            ["--scenario"] = EdgeControlProcess.ShippedScenario,
            ["--agents"] = "qlearning",
            ["--seeds"] = "1",
            ["--max-interactions"] = "1000",
            ["--out"] = _out.FullName,
        };
        args[option] = value;

        var result = EdgeControlProcess.Run(["bench", "convergence", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--seeds")]
    [InlineData("--max-interactions")]
    [InlineData("--agents")]
    public void A_missing_required_option_exits_2_naming_it(string option)
    {
        string[] all = ["--scenario", EdgeControlProcess.ShippedScenario, "--agents", "qlearning", "--seeds", "1", "--max-interactions", "1000", "--out", _out.FullName];
        var index = Array.IndexOf(all, option);

        var result = EdgeControlProcess.Run(["bench", "convergence", .. all[..index], .. all[(index + 2)..]]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Option '{option}' is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_benchmark_commands()
    {
        var result = EdgeControlProcess.Run("help");

        Assert.Contains("bench convergence --scenario FILE --agents", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bench decide --scenario FILE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bench run-one --scenario FILE --agent A", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[--save-checkpoint FILE]", result.Stdout, StringComparison.Ordinal);
    }
}
