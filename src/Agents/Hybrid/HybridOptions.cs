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

    /// <summary>K: minibatch updates (mostly imagined rows) after each batch of real steps, whatever its size (a single step is a batch of one).</summary>
    public int ImaginedUpdatesPerStep { get; init; } = 16;

    /// <summary>
    /// M: real steps between refits of the environment model while data is scarce. The interval then
    /// grows to a tenth of the step count's order of magnitude (every 10 steps from 100, every 100
    /// from 1,000), when one more transition changes the model little.
    /// </summary>
    public int RefitEvery { get; init; } = 2;

    /// <summary>
    /// With batches of more than one experience, a refit that the data schedule makes due waits while refits have taken
    /// more than this share of the agent's learning time (it stays due and runs at a later batch). A batch of many
    /// experiences passes a refit point almost every time, and a refit (all members, <see cref="EnvironmentModelOptions.StepsPerFit"/>
    /// steps) costs several times the batch's K updates; without this the model would take most of the learner's time.
    /// Single experiences always refit on schedule, so per-step runs do not depend on the clock.
    /// </summary>
    public double MaxRefitShare { get; init; } = 0.5;

    /// <summary>
    /// A surprise: a new real outcome whose latency the model (fitted before it) was off by more than this, in log
    /// latency (1.0: a factor of e). A surprise makes a refit due at once, without waiting for the step schedule, which
    /// has grown to every 100 real steps by step 1,000: when the environment changes, the model follows within
    /// <see cref="SurpriseRefitGap"/> steps instead of imagining the old world for a hundred more.
    /// </summary>
    public double SurpriseLogError { get; init; } = 1.0;

    /// <summary>Real steps since the last refit before a surprise may make another one due (bounds their cost).</summary>
    public int SurpriseRefitGap { get; init; } = 10;

    /// <summary>Imagined transitions whose ensemble spread (std of log latency) exceeds this are dropped.</summary>
    public double SpreadThreshold { get; init; } = 0.3;

    /// <summary>Share of each minibatch drawn from real transitions; the rest is imagined.</summary>
    public double RealFraction { get; init; } = 0.25;

    /// <summary>Real transitions collected before planning starts.</summary>
    public int PlanningStarts { get; init; } = 16;

    /// <summary>Ablation switch: without planning the agent is its DQN plus an unused model.</summary>
    public bool Planning { get; init; } = true;

    /// <summary>Whether a batch that took the real-step count from <paramref name="before"/> to <paramref name="after"/> passed a refit point (or the start of planning).</summary>
    public bool IsRefitDue(long before, long after)
    {
        for (var step = before + 1; step <= after; step++)
        {
            if (IsRefitStep(step) || step == PlanningStarts)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsRefitStep(long realStep)
    {
        var interval = (long)RefitEvery;
        for (var magnitude = 100L; magnitude <= realStep; magnitude *= 10)
        {
            interval = Math.Max(interval, magnitude / 10);
        }

        return realStep % interval == 0;
    }
}
