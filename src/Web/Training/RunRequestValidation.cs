using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Web.Api;

namespace EdgeControl.Web.Training;

/// <summary>Turns a start request into run settings and its scenario, or into errors keyed by the field at fault.</summary>
internal static class RunRequestValidation
{
    public const double MaxStepsPerSecond = 10_000;
    public const long MaxEvaluateEvery = 1_000_000;
    public const long MaxCheckpointEvery = 10_000_000;

    /// <summary>The <c>training_runs.agent</c> column.</summary>
    public const int MaxAgentLength = 64;

    /// <summary>The <c>training_runs.scenario_name</c> column.</summary>
    public const int MaxScenarioLength = 200;

    /// <summary>Modes are short words (<see cref="RunSettings.Modes"/>).</summary>
    public const int MaxModeLength = 16;

    public static (RunSettings? Settings, Scenario? Scenario, Dictionary<string, string[]> Errors) Validate(
        StartTrainingRunRequest body, RunSettings defaults, ScenarioCatalog scenarios)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(scenarios);
        var errors = new Dictionary<string, string[]>();
        // First, so no message below echoes a control character and no NUL reaches a file path or the database.
        TextField.Check(errors, "agent", body.Agent, MaxAgentLength);
        TextField.Check(errors, "scenario", body.Scenario, MaxScenarioLength);
        TextField.Check(errors, "mode", body.Mode, MaxModeLength);
        var agent = body.Agent ?? defaults.Agent;
        if (!errors.ContainsKey("agent") && !LearnerCatalog.Agents.Contains(agent))
        {
            errors["agent"] = [$"'{agent}' is not a known learner (known: {string.Join(", ", LearnerCatalog.Agents)})."];
        }

        Scenario? scenario = null;
        var scenarioPath = defaults.ScenarioPath;
        if (!errors.ContainsKey("scenario"))
        {
            try
            {
                if (body.Scenario is null)
                {
                    scenario = ScenarioCatalog.LoadFile(scenarioPath);
                }
                else if (scenarios.PathOf(body.Scenario) is { } path)
                {
                    scenarioPath = path;
                    scenario = ScenarioCatalog.LoadFile(path);
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

        if (body.Mode is { } mode && !errors.ContainsKey("mode") && !RunSettings.Modes.Contains(mode))
        {
            errors["mode"] = [$"The mode must be one of: {string.Join(", ", RunSettings.Modes)}."];
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var settings = defaults with
        {
            Agent = agent,
            ScenarioPath = scenarioPath,
            Seed = body.Seed ?? defaults.Seed,
            StepsPerSecond = body.StepsPerSecond ?? defaults.StepsPerSecond,
            EvaluateEvery = body.EvaluateEvery ?? defaults.EvaluateEvery,
            CheckpointEvery = body.CheckpointEvery ?? defaults.CheckpointEvery,
            Mode = body.Mode ?? defaults.Mode,
        };
        return (settings, scenario, errors);
    }
}
