namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Orchestrator settings for tests that watch a run learn: DQN (HL's early steps refit its model, up to ~100 ms each;
/// the loop is the same for every learner), unpaced, an evaluation every 20 and a checkpoint every 50 real steps. The
/// closed-loop score is measured on 2 x (100 + 400) requests instead of the default 4 x (500 + 2000): at the default
/// size an evaluation (~0.1-0.15 s) would take about five times as long as the 20 steps between two.
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
            // By steps alone: tests count checkpoints by real interactions.
            ["Orchestrator:CheckpointAtMostEvery"] = "00:00:00",
            // Each publication served alone: tests compare served decisions with one checkpoint's greedy policy
            // (ServingAverageTests specify the average).
            ["Orchestrator:ServingAverageOver"] = "00:00:00",
            // Learning at the machine's pace whatever else runs: the test suites load every core, and a learner that gave
            // way to them (LearningGovernorTests specify it) would make these tests' waits depend on the machine's load.
            ["Orchestrator:LearnerIdleFloor"] = "0",
            ["Orchestrator:ClosedLoop:Seeds"] = "2",
            ["Orchestrator:ClosedLoop:WarmUpRequests"] = "100",
            ["Orchestrator:ClosedLoop:RequestsPerSeed"] = "400",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
