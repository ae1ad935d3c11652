using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Tests;

/// <summary>The control plane learns with the bench's training loop, not a copy of it.</summary>
public sealed class SharedTrainingLoopTests : IAsyncLifetime
{
    private const long Steps = 200;

    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task The_control_plane_and_the_bench_draw_the_same_curve_for_the_same_scenario_agent_seed_and_schedule()
    {
        // What FastTraining sets: DQN, seed 1, unpaced on the twin, an evaluation every 20 real steps of 2 x (100 + 400) requests.
        var bench = BenchCurve("dqn", seed: 1, evaluateEvery: 20, new ClosedLoopOptions(Seeds: 2, WarmUpRequests: 100, RequestsPerSeed: 400));

        // Only now the app: TorchSharp learners are kept to one thread at a time.
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        _ = app.Server;
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions >= Steps));
        var web = await Eventually.QueryAsync(app, db => db.CurvePoints.Where(p => p.RealInteractions <= Steps).OrderBy(p => p.RealInteractions)
            .Select(p => new { p.RealInteractions, p.Score, p.ClosedLoopScore, p.CumulativeRegret, p.Violations }).ToListAsync());

        Assert.Equal(11, bench.Count);
        Assert.Equal(
            bench.Select(p => (p.RealInteractions, p.Score, (double?)p.ClosedLoopScore, p.CumulativeRegret, p.Violations)),
            web.Select(p => (p.RealInteractions, p.Score, p.ClosedLoopScore, p.CumulativeRegret, p.Violations)));
    }

    private static IReadOnlyList<CurvePoint> BenchCurve(string agent, long seed, long evaluateEvery, ClosedLoopOptions closedLoop)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryRoot.Path, "scenarios", "paper-mobilenet.json"));
        var learner = LearnerCatalog.Default(agent).Create(scenario, seed);
        try
        {
            // As the control plane's learning thread does.
            TorchSharp.torch.set_num_threads(1);
            var evaluation = PolicyEvaluation.Create(scenario, closedLoop);
            return Trainer.Run(learner, evaluation, new TrainingOptions(MaxInteractions: Steps, EvaluateEvery: evaluateEvery, Seed: seed)).Curve;
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }
}
