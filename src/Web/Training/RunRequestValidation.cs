using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Web.Training;

/// <summary>Turns a start request into run settings and its scenario, or into errors keyed by the field at fault.</summary>
internal static class RunRequestValidation
{
    public const double MaxStepsPerSecond = 10_000;
    public const long MaxEvaluateEvery = 1_000_000;
    public const long MaxCheckpointEvery = 10_000_000;

    public static (RunSettings? Settings, Scenario? Scenario, Dictionary<string, string[]> Errors) Validate(
        StartTrainingRunRequest body, RunSettings defaults, ScenarioCatalog scenarios)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(scenarios);
        var errors = new Dictionary<string, string[]>();
        var agent = body.Agent ?? defaults.Agent;
        if (!LearnerCatalog.Agents.Contains(agent))
        {
            errors["agent"] = [$"'{agent}' is not a known learner (known: {string.Join(", ", LearnerCatalog.Agents)})."];
        }

        Scenario? scenario = null;
        var scenarioPath = defaults.ScenarioPath;
        try
        {
            if (body.Scenario is null)
            {
                scenario = ScenarioLoader.Load(scenarioPath);
            }
            else if (scenarios.PathOf(body.Scenario) is { } path)
            {
                scenarioPath = path;
                scenario = ScenarioLoader.Load(path);
            }
            else
            {
                errors["scenario"] = [$"'{body.Scenario}' is not a scenario (known: {string.Join(", ", scenarios.Names())})."];
            }
        }
        catch (ScenarioException error)
        {
            errors["scenario"] = [$"The scenario file cannot be used: {error.Message}."];
        }

        if (body.Seed is < 0)
        {
            errors["seed"] = ["The seed must be 0 or positive."];
        }

        if (body.StepsPerSecond is { } pace && (double.IsNaN(pace) || pace < 0 || pace > MaxStepsPerSecond))
        {
            errors["stepsPerSecond"] = [$"Steps per second must be 0 (unpaced) up to {MaxStepsPerSecond:N0}."];
        }

        if (body.EvaluateEvery is < 1 or > MaxEvaluateEvery)
        {
            errors["evaluateEvery"] = [$"Evaluate every 1 to {MaxEvaluateEvery:N0} real steps."];
        }

        if (body.CheckpointEvery is < 1 or > MaxCheckpointEvery)
        {
            errors["checkpointEvery"] = [$"Checkpoint every 1 to {MaxCheckpointEvery:N0} real steps."];
        }

        if (body.Mode is { } mode && !RunSettings.Modes.Contains(mode))
        {
            errors["mode"] = [$"The mode must be one of: {string.Join(", ", RunSettings.Modes)}."];
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var settings = new RunSettings(
            agent,
            scenarioPath,
            body.Seed ?? defaults.Seed,
            body.StepsPerSecond ?? defaults.StepsPerSecond,
            body.EvaluateEvery ?? defaults.EvaluateEvery,
            body.CheckpointEvery ?? defaults.CheckpointEvery,
            body.Mode ?? defaults.Mode);
        return (settings, scenario, errors);
    }
}
