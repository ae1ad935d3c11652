using EdgeControl.Core.Domain;

namespace EdgeControl.Cli.Checkpoints;

/// <summary>The first line of a learner checkpoint file (JSON): what was trained, how, on what, and for how long.</summary>
/// <param name="Format">Always <see cref="LearnerCheckpointFile.Format"/>: tells a checkpoint from any other file.</param>
/// <param name="Agent">The learner's name in the catalog (qlearning, dqn, hl, an ablation).</param>
/// <param name="Setting">"default" or the index of the setting in the agent's sweep, as <c>bench run-one --setting</c> takes it.</param>
/// <param name="SettingLabel">The setting's hyperparameters in words; checked against the catalog when loading.</param>
/// <param name="Seed">The training seed (the learner is rebuilt with it before its state is loaded).</param>
/// <param name="Scenario">Name of the scenario it was trained on.</param>
/// <param name="Shape">That scenario's shape: the checkpoint loads only into a scenario of the same shape.</param>
/// <param name="RealInteractions">Real interactions it learned from.</param>
internal sealed record CheckpointHeader(
    string Format,
    int Version,
    string Agent,
    string Setting,
    string SettingLabel,
    long Seed,
    string Scenario,
    ScenarioShape Shape,
    long RealInteractions)
{
    public static CheckpointHeader Of(string agent, string setting, string settingLabel, long seed, Scenario scenario, long realInteractions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new CheckpointHeader(LearnerCheckpointFile.Format, LearnerCheckpointFile.Version, agent, setting, settingLabel, seed,
            scenario.Name, ScenarioShape.Of(scenario), realInteractions);
    }
}
