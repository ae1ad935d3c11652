using System.CommandLine.Parsing;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.CommandLine;

/// <summary>A scenario loaded from the file named on the command line; shown by its path, as the help and messages name it.</summary>
public sealed record LoadedScenario(string Path, Scenario Scenario)
{
    public override string ToString() => Path;

    /// <summary>The option's scenario file, or null when it has none.</summary>
    public static LoadedScenario? Parse(ArgumentResult result) => Token(result) is { } path ? Load(result, path) : null;

    /// <summary>The scenario in <paramref name="path"/> (given, or the option's default), or null with one sentence naming the option.</summary>
    public static LoadedScenario? Load(ArgumentResult result, string path)
    {
        if (!File.Exists(path))
        {
            return Error<LoadedScenario>(result, $"names the scenario file '{path}', which does not exist");
        }

        try
        {
            return new LoadedScenario(path, ScenarioLoader.Load(path));
        }
        catch (ScenarioException error)
        {
            return Error<LoadedScenario>(result, $"names an invalid scenario file '{path}': {error.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Error<LoadedScenario>(result, $"cannot read the scenario file '{path}': {error.Message}");
        }
    }
}
