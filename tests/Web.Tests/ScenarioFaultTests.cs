using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>A run's fault is shown on the dashboard and in /health/training, so it names files, not where the server keeps them.</summary>
public sealed class ScenarioFaultTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task A_run_resumed_after_its_scenario_file_is_gone_faults_naming_the_file_not_its_directory()
    {
        var gone = Path.Combine(Path.GetTempPath(), $"moved-away-{Guid.NewGuid():N}", "vanished.json");
        await using (var migrated = new EdgeControlAppFactory(_connectionString))
        {
            _ = migrated.Server;
            await Eventually.QueryAsync(migrated, db =>
            {
                db.TrainingRuns.Add(new TrainingRunEntity
                {
                    Id = Guid.CreateVersion7(),
                    Agent = "dqn",
                    ScenarioName = "vanished",
                    StartedAt = DateTimeOffset.UtcNow,
                    Options = new RunSettings("dqn", gone, 1, 0, 20, 50).ToJson(),
                });
                return db.SaveChangesAsync();
            });
        }

        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var client = app.CreateClient();
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        var snapshot = await Eventually.ReachesAsync(() => orchestrator.Snapshot, s => s.State == OrchestratorState.Faulted);
        var health = await client.GetStringAsync(new Uri("/health/training", UriKind.Relative));

        Assert.Contains("'vanished.json' does not exist", snapshot.Fault, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), snapshot.Fault, StringComparison.Ordinal);
        Assert.Contains("vanished.json", health, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), health, StringComparison.Ordinal);
    }
}
