using System.CommandLine;
using EdgeControl.Agents.Training;
using EdgeControl.CommandLine;

namespace EdgeControl.Cli.Options;

/// <summary>Options several commands take, declared once so they read and behave the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The scenario file, loaded and validated as the command line is parsed.</summary>
    public static Option<LoadedScenario> Scenario() => new("--scenario")
    {
        HelpName = "FILE",
        Description = "scenario file (JSON), such as scenarios/paper-mobilenet.json",
        Required = true,
        CustomParser = LoadedScenario.Parse,
    };

    /// <summary>Print the results as one JSON object on stdout instead of text.</summary>
    public static Option<bool> Json(string description = "print the results as JSON instead of text") => new("--json") { Description = description };

    /// <summary>The agents an experiment trains, comma-separated.</summary>
    public static Option<IReadOnlyList<string>> Agents() => new("--agents")
    {
        HelpName = "A,B,...", Description = $"the agents to train, comma-separated: {string.Join(", ", LearnerCatalog.Agents)}", Required = true,
        CustomParser = r => OptionValues.Agents(r, LearnerCatalog.Agents),
    };

    /// <summary>An experiment's training seeds per agent.</summary>
    public static Option<int> Seeds() => new("--seeds")
    {
        HelpName = "N", Description = "training seeds per agent (1..N)", Required = true, CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1000),
    };

    /// <summary>An experiment's training runs at a time.</summary>
    public static Option<int> Jobs() => new("--jobs")
    {
        HelpName = "J", Description = "training runs at a time, each a child process (bench run-one); the default is one per core",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 256), DefaultValueFactory = _ => Environment.ProcessorCount,
    };
}
