using System.CommandLine.Parsing;
using EdgeControl.Cli.Bench;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Cli.Options;

/// <summary>Per-agent settings on a command line: <c>AGENT=SETTING,...</c>, a setting being "default" or an index in the agent's sweep.</summary>
internal static class AgentSettings
{
    public static IReadOnlyDictionary<string, string>? Parse(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return Error<IReadOnlyDictionary<string, string>>(result, $"must be AGENT=SETTING pairs separated by commas, such as qlearning=12,dqn=9 (got '{item}')");
            }

            if (LearnerSettings.Find(parts[0], parts[1]) is null)
            {
                return Error<IReadOnlyDictionary<string, string>>(result, $"names '{item}', but {parts[1]} is not '{TrainingJob.DefaultSetting}' or a sweep index of a known agent '{parts[0]}'");
            }

            if (!settings.TryAdd(parts[0], parts[1]))
            {
                return Error<IReadOnlyDictionary<string, string>>(result, $"names '{parts[0]}' twice");
            }
        }

        return settings;
    }

    /// <summary>What is wrong with settings for agents that are not trained (a likely typo), or null.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> agents)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Keys.FirstOrDefault(a => !agents.Contains(a)) is { } unused
            ? $"names '{unused}', which --agents does not train"
            : null;
    }
}
