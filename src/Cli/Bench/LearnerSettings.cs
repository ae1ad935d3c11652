using System.Globalization;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary>Turns a job's setting name ("default" or a sweep index) back into the learner factory.</summary>
internal static class LearnerSettings
{
    public static LearnerSetting Resolve(string agent, string setting)
    {
        if (!LearnerCatalog.Agents.Contains(agent))
        {
            throw new UsageException($"option --agent must be one of {string.Join(", ", LearnerCatalog.Agents)} (got '{agent}')");
        }

        if (setting == TrainingJob.DefaultSetting)
        {
            return LearnerCatalog.Default(agent);
        }

        var sweep = LearnerCatalog.Sweep(agent);
        return int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sweep.Count
            ? sweep[index]
            : throw new UsageException($"option --setting must be '{TrainingJob.DefaultSetting}' or a sweep index 0..{sweep.Count - 1} of {agent} (got '{setting}')");
    }
}
