using System.Globalization;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary>Turns a job's setting name ("default" or a sweep index) back into the learner factory.</summary>
internal static class LearnerSettings
{
    /// <summary>The setting, or null when the catalog has no such agent or setting.</summary>
    public static LearnerSetting? Find(string agent, string setting)
    {
        if (!LearnerCatalog.Agents.Contains(agent))
        {
            return null;
        }

        if (setting == TrainingJob.DefaultSetting)
        {
            return LearnerCatalog.Default(agent);
        }

        var sweep = LearnerCatalog.Sweep(agent);
        return int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sweep.Count ? sweep[index] : null;
    }
}
