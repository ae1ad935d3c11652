using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;

namespace EdgeControl.Agents.Hybrid;

/// <summary>Options of the hybrid (Dyna-style) agent: its DQN, its environment model, and how they are mixed.</summary>
public sealed record HybridOptions
{
    /// <summary>The agent's DQN. Real steps are scarce, so exploration in the real network is short: the rest happens in imagination.</summary>
    public DqnOptions Dqn { get; init; } = new() { Epsilon = new EpsilonSchedule(1.0, 0.05, 500) };

    public EnvironmentModelOptions Model { get; init; } = new();

    /// <summary>K: imagined minibatch updates after each real step.</summary>
    public int ImaginedUpdatesPerStep { get; init; } = 4;

    /// <summary>M: real steps between refits of the environment model.</summary>
    public int RefitEvery { get; init; } = 10;

    /// <summary>Imagined transitions whose ensemble spread (std of log latency) exceeds this are dropped.</summary>
    public double SpreadThreshold { get; init; } = 0.3;

    /// <summary>Share of each minibatch drawn from real transitions; the rest is imagined.</summary>
    public double RealFraction { get; init; } = 0.25;

    /// <summary>Real transitions collected before planning starts.</summary>
    public int PlanningStarts { get; init; } = 32;

    /// <summary>Ablation switch: without planning the agent is its DQN plus an unused model.</summary>
    public bool Planning { get; init; } = true;
}
