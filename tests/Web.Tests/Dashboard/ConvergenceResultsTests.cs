using EdgeControl.Core.Evaluation;
using EdgeControl.Web.Dashboard;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>The Learning page's reading of <c>bench convergence</c> results, as written before and since closed-loop scores.</summary>
public sealed class ConvergenceResultsTests : IDisposable
{
    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("edgecontrol-results-");

    public void Dispose() => _results.Delete(recursive: true);

    [Fact]
    public async Task An_experiment_with_both_scores_is_drawn_and_summarised_in_closed_loop()
    {
        await WriteAsync(
            """
            agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss
            hl,1,0,0.25,0.6,0.1,0,0,
            hl,2,0,0.35,0.6,0.1,0,0,
            hl,1,25,0.9,0.95,0.2,3,1,0.5
            hl,2,25,,0.97,0.2,3,1,0.5
            """,
            """
            {"agents": [{"name": "hl", "setting": "default", "seeds": 2,
              "closedLoop": {"interactionsToConverge": {"median": 25, "lowerBound": false}, "finalScore": 0.9},
              "openLoop": {"interactionsToConverge": {"median": 25, "lowerBound": true}, "finalScore": 0.97}}]}
            """);

        var experiment = await ReadAsync();

        var curve = Assert.Single(experiment.Curves);
        Assert.Equal((ScoreLoop.Closed, 2), (curve.Loop, curve.Seeds));
        Assert.Equal([0L, 25L], curve.Interactions);
        // The mean over the seeds scored there: seed 2 has no closed-loop score at 25.
        Assert.Equal([0.3, 0.9], curve.MeanScore.Select(s => Math.Round(s, 12)));
        Assert.Equal(new BaselineSummary("hl", "default", 25, false, 0.9, ScoreLoop.Closed), Assert.Single(experiment.Summaries));
    }

    [Fact]
    public async Task An_experiment_from_before_closed_loop_scores_is_drawn_and_summarised_in_open_loop()
    {
        await WriteAsync(
            """
            agent,seed,interactions,score,wallSeconds,cumulativeRegret,violations,modelLoss
            dqn,1,0,0.5,0.1,0,0,
            dqn,1,25,0.8,0.2,3,1,0.5
            """,
            """
            {"agents": [{"name": "dqn", "setting": "lr=3e-3", "interactionsToConverge": {"median": null, "lowerBound": true}, "finalScore": 0.8}]}
            """);

        var experiment = await ReadAsync();

        var curve = Assert.Single(experiment.Curves);
        Assert.Equal(ScoreLoop.Open, curve.Loop);
        Assert.Equal([0.5, 0.8], curve.MeanScore);
        Assert.Equal(new BaselineSummary("dqn", "lr=3e-3", null, true, 0.8, ScoreLoop.Open), Assert.Single(experiment.Summaries));
    }

    [Fact]
    public async Task Curves_with_another_header_are_refused_naming_the_file_and_both_headers()
    {
        await WriteAsync("agent,seed,interactions,reward\nhl,1,0,0.5\n", """{"agents": []}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(ReadAsync);

        Assert.StartsWith("scenario/curves.csv does not start with the header 'agent,seed,interactions,closedLoopScore,openLoopScore,", error.Message, StringComparison.Ordinal);
        Assert.Contains("'agent,seed,interactions,score,", error.Message, StringComparison.Ordinal);
    }

    private async Task WriteAsync(string curves, string results)
    {
        var directory = _results.CreateSubdirectory("scenario").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "curves.csv"), curves);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.json"), results);
    }

    private async Task<ConvergenceExperiment> ReadAsync()
    {
        var reader = new ConvergenceResults(Options.Create(new DashboardOptions { ResultsDirectory = _results.FullName }), NullLogger<ConvergenceResults>.Instance);
        return await reader.LoadAsync("scenario", CancellationToken.None) ?? throw new InvalidOperationException("no experiment read");
    }
}
