using System.Globalization;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Tabular;

namespace EdgeControl.Agents.Training;

/// <summary>
/// The learners by name, their default settings, and the documented hyperparameter sweeps of the
/// baselines (docs/learning.md). The hybrid agent is not swept: its settings are fixed once for
/// every scenario.
/// </summary>
public static class LearnerCatalog
{
    /// <summary>The learners, then the ablations of the hybrid agent (each switches one source of its advantage off).</summary>
    public static IReadOnlyList<string> Agents { get; } =
        ["qlearning", "dqn", "hl", "hl-no-planning", "hl-index-actions", "hl-no-mask", "dqn-no-mask", "qlearning-no-mask"];

    public static LearnerSetting Default(string agent) => agent switch
    {
        "qlearning" => QLearning(QLearningOptions.Default, "default"),
        "dqn" => Dqn(new DqnOptions(), "default"),
        "hl" => Hybrid(new HybridOptions(), "default"),
        // Planning off: the same DQN, K updates per real step on real transitions only.
        "hl-no-planning" => Hybrid(new HybridOptions { Planning = false, Dqn = new HybridOptions().Dqn with { GradientSteps = new HybridOptions().ImaginedUpdatesPerStep } }, "no planning"),
        "hl-index-actions" => Hybrid(new HybridOptions { Model = new() { UseActionFeatures = false } }, "model sees action index only"),
        "hl-no-mask" => Hybrid(new HybridOptions { Dqn = new HybridOptions().Dqn with { UseActionMask = false } }, "no accuracy prior"),
        "dqn-no-mask" => Dqn(new DqnOptions { UseActionMask = false }, "no accuracy prior"),
        "qlearning-no-mask" => QLearning(QLearningOptions.Default with { UseActionMask = false }, "no accuracy prior"),
        _ => throw new ArgumentException($"unknown agent '{agent}' (known: {string.Join(", ", Agents)})", nameof(agent)),
    };

    /// <summary>The grid a baseline is tuned over; the hybrid agent's "grid" is its one fixed setting.</summary>
    public static IReadOnlyList<LearnerSetting> Sweep(string agent) => agent switch
    {
        "qlearning" => QLearningSweep(mask: true).ToList(),
        "dqn" => DqnSweep(mask: true).ToList(),
        "qlearning-no-mask" => QLearningSweep(mask: false).ToList(),
        "dqn-no-mask" => DqnSweep(mask: false).ToList(),
        _ when Agents.Contains(agent) => [Default(agent)],
        _ => throw new ArgumentException($"unknown agent '{agent}' (known: {string.Join(", ", Agents)})", nameof(agent)),
    };

    private static IEnumerable<LearnerSetting> QLearningSweep(bool mask)
    {
        var discretisations = new (string Name, double[] Bandwidth, int[] Load, bool Device)[]
        {
            ("paper", [5.0], [1, 3, 6], true),
            ("coarse", [5.0], [2, 6], false),
            ("fine", [2.0, 5.0, 12.0], [0, 1, 2, 4, 6, 9], true),
        };
        foreach (var d in discretisations)
        {
            foreach (var lr in new[] { 0.05, 0.2 })
            {
                foreach (var gamma in new[] { 0.0, 0.5 })
                {
                    foreach (var decay in new long[] { 20_000, 200_000 })
                    {
                        var options = QLearningOptions.Default with
                        {
                            LearningRate = lr,
                            Discount = gamma,
                            Epsilon = new EpsilonSchedule(1.0, 0.05, decay),
                            BandwidthLevelsMbps = d.Bandwidth,
                            LoadLevels = d.Load,
                            UseDeviceClass = d.Device,
                            UseActionMask = mask,
                        };
                        yield return QLearning(options, Invariant($"states={d.Name} lr={lr} gamma={gamma} eps={decay}"));
                    }
                }
            }
        }
    }

    private static IEnumerable<LearnerSetting> DqnSweep(bool mask)
    {
        foreach (var lr in new[] { 1e-4, 1e-3, 3e-3 })
        {
            foreach (var gamma in new[] { 0.0, 0.5 })
            {
                foreach (var decay in new long[] { 1_000, 5_000 })
                {
                    foreach (var gradientSteps in new[] { 1, 4 })
                    {
                        var options = new DqnOptions
                        {
                            LearningRate = lr,
                            Discount = gamma,
                            Epsilon = new EpsilonSchedule(1.0, 0.05, decay),
                            GradientSteps = gradientSteps,
                            UseActionMask = mask,
                        };
                        yield return Dqn(options, Invariant($"lr={lr:0e0} gamma={gamma} eps={decay} updates/step={gradientSteps}"));
                    }
                }
            }
        }
    }

    private static LearnerSetting QLearning(QLearningOptions options, string label) =>
        new("qlearning", label, (scenario, seed) => new TabularQLearningAgent(scenario, options, seed), scenario => TabularQLearningAgent.TooLargeFor(scenario, options));

    private static LearnerSetting Dqn(DqnOptions options, string label) =>
        new("dqn", label, (scenario, seed) => new DqnAgent(scenario, options, seed));

    private static LearnerSetting Hybrid(HybridOptions options, string label) =>
        new("hl", label, (scenario, seed) => new HybridLearningAgent(scenario, options, seed));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
