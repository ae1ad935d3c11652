using System.CommandLine;

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
        CustomParser = OptionValues.Scenario,
    };

    /// <summary>Print the results as one JSON object on stdout instead of text.</summary>
    public static Option<bool> Json(string description = "print the results as JSON instead of text") => new("--json") { Description = description };
}
