using System.Text.Json;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Logs;
using EdgeControl.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Training;

/// <summary>A stored training run's learner as of its latest checkpoint (the one the control plane would resume from), for <c>evaluate --policy run:ID</c>.</summary>
internal static class StoredRunLearner
{
    /// <exception cref="DecisionLogException">The run cannot be loaded; the message names --policy (or --connection for a database failure).</exception>
    public static async Task<ILearner> LoadAsync(string connectionString, Guid runId, Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string agent, scenarioName, options;
        byte[]? weights;
        try
        {
            await using var db = DecisionLogDatabase.Open(connectionString);
            var run = await db.TrainingRuns.AsNoTracking().Where(r => r.Id == runId)
                .Select(r => new { r.Agent, r.ScenarioName, r.Options }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DecisionLogException($"option --policy names the run {runId}, which the database has no training run of");
            (agent, scenarioName, options) = (run.Agent, run.ScenarioName, run.Options);
            weights = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId)
                .OrderByDescending(c => c.RealInteractions).ThenByDescending(c => c.CreatedAt)
                .Select(c => c.Weights).FirstOrDefaultAsync(cancellationToken);
        }
        catch (Exception error) when (error is not DecisionLogException && DecisionLogDatabase.Describe(error, connectionString) is { } problem)
        {
            throw new DecisionLogException(problem, error);
        }

        if (weights is null)
        {
            throw new DecisionLogException($"option --policy names the run {runId}, which has no checkpoint yet");
        }

        if (scenarioName != scenario.Name)
        {
            throw new DecisionLogException($"option --policy names the run {runId} of scenario '{scenarioName}', but --scenario is '{scenario.Name}'");
        }

        if (!LearnerCatalog.Agents.Contains(agent))
        {
            throw new DecisionLogException($"option --policy names the run {runId} of the learner '{agent}', which this edgecontrol does not have");
        }

        var learner = LearnerCatalog.Default(agent).Create(scenario, SeedOf(options));
        try
        {
            Checkpoint.FromBytes(learner as ICheckpointable ?? throw new InvalidDataException($"a '{agent}' learner cannot load a checkpoint"), weights);
            return learner;
        }
        catch (InvalidDataException error)
        {
            (learner as IDisposable)?.Dispose();
            throw new DecisionLogException($"option --policy names the run {runId}, whose latest checkpoint cannot be loaded ({error.Message})", error);
        }
    }

    /// <summary>The run's seed from its stored options (the learner is built with it before its state is loaded), 1 when absent.</summary>
    private static long SeedOf(string options)
    {
        try
        {
            using var document = JsonDocument.Parse(options);
            return document.RootElement.TryGetProperty("seed", out var seed) && seed.TryGetInt64(out var value) ? value : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }
}
