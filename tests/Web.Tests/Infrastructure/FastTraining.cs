namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Orchestrator settings for tests that watch a run learn: DQN (HL's early steps refit its model, up to ~100 ms each;
/// the loop is the same for every learner), unpaced, an evaluation every 20 and a checkpoint every 50 real steps.
/// </summary>
internal static class FastTraining
{
    /// <summary>A fresh copy, with <paramref name="overrides"/> applied on top.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orchestrator:Enabled"] = "true",
            ["Orchestrator:Agent"] = "dqn",
            ["Orchestrator:StepsPerSecond"] = "0",
            ["Orchestrator:EvaluateEvery"] = "20",
            ["Orchestrator:CheckpointEvery"] = "50",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
