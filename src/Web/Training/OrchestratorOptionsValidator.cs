using EdgeControl.Agents.Training;
using EdgeControl.Core.Scenarios;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>Rejects options the orchestrator cannot run with, naming the option (or the scenario file and its bad field).</summary>
internal sealed class OrchestratorOptionsValidator : IValidateOptions<OrchestratorOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchestratorOptions options)
    {
        var failures = new List<string>();
        if (!LearnerCatalog.Agents.Contains(options.Agent))
        {
            failures.Add($"Orchestrator:Agent '{options.Agent}' is not a known learner (known: {string.Join(", ", LearnerCatalog.Agents)}).");
        }

        if (!RunSettings.Modes.Contains(options.Mode))
        {
            failures.Add($"Orchestrator:Mode '{options.Mode}' must be one of: {string.Join(", ", RunSettings.Modes)}.");
        }

        if (options.StepsPerSecond < 0 || double.IsNaN(options.StepsPerSecond))
        {
            failures.Add("Orchestrator:StepsPerSecond must be 0 (unpaced) or positive.");
        }

        if (options.EvaluateEvery <= 0)
        {
            failures.Add("Orchestrator:EvaluateEvery must be a positive number of real steps.");
        }

        if (options.LongestEvaluationInterval <= 0)
        {
            failures.Add("Orchestrator:LongestEvaluationInterval must be a positive number of real steps.");
        }

        if (options.ClosedLoop.Seeds < 1)
        {
            failures.Add("Orchestrator:ClosedLoop:Seeds must be at least 1 trajectory.");
        }

        if (options.ClosedLoop.WarmUpRequests < 0)
        {
            failures.Add("Orchestrator:ClosedLoop:WarmUpRequests must be 0 or a positive number of requests.");
        }

        if (options.ClosedLoop.RequestsPerSeed < 1)
        {
            failures.Add("Orchestrator:ClosedLoop:RequestsPerSeed must be at least 1 scored request.");
        }

        if (options.CheckpointEvery <= 0)
        {
            failures.Add("Orchestrator:CheckpointEvery must be a positive number of real steps.");
        }

        if (options.ServingAverageOver < TimeSpan.Zero)
        {
            failures.Add("Orchestrator:ServingAverageOver must be 0 (the newest policy alone) or a positive time span.");
        }

        if (options.CheckpointAtMostEvery < TimeSpan.Zero)
        {
            failures.Add("Orchestrator:CheckpointAtMostEvery must be 0 (by steps alone) or a positive time span.");
        }

        if (!(options.LearnerIdleFloor is >= 0 and < 1))
        {
            failures.Add("Orchestrator:LearnerIdleFloor must be a fraction from 0 (the learner never rests) up to, not including, 1.");
        }

        if (!(options.LearnerMinimumShare is > 0 and <= 1))
        {
            failures.Add("Orchestrator:LearnerMinimumShare must be a fraction above 0 and at most 1.");
        }

        if (options.CheckpointsKept < 1)
        {
            failures.Add("Orchestrator:CheckpointsKept must be at least 1 (the latest checkpoint is what a run resumes from).");
        }

        if (options.MaxQueuedCurvePoints < 1)
        {
            failures.Add("Orchestrator:MaxQueuedCurvePoints must be at least 1.");
        }

        try
        {
            ScenarioLoader.Load(options.ScenarioPath);
        }
        catch (ScenarioException error)
        {
            failures.Add($"The scenario file '{options.ScenarioPath}' (Orchestrator:ScenarioPath) cannot be used: {error.Message}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
