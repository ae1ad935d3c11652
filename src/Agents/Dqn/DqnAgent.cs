using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>The model-free baseline: Double DQN with a target network, experience replay and epsilon-greedy exploration.</summary>
public sealed class DqnAgent : ILearner, IReportsLoss, ICheckpointable, IFreezablePolicy, IDisposable
{
    private readonly DqnOptions _options;
    private readonly DqnCore _core;

    public DqnAgent(Scenario scenario, DqnOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _core = new DqnCore(scenario, options, seed);
    }

    public string Name => "dqn";

    public long RealSteps => _core.RealSteps;

    public QFunction Q => _core.Q;

    public double LastLoss { get; private set; } = double.NaN;

    public int Act(Observation request, bool explore) => _core.Act(request, explore ? _options.Epsilon.At(RealSteps) : 0);

    public ServedAction Serve(Observation request, bool explore, ReadOnlySpan<bool> allowed) =>
        _core.Serve(request, explore ? _options.Epsilon.At(RealSteps) : 0, allowed);

    public int[] ActGreedy(IReadOnlyList<Observation> requests) => _core.ActGreedy(requests);

    public ServingSnapshot Snapshot() => new(_core.Freeze(_options.Epsilon.At(RealSteps)), Model: null);

    public void Learn(Experience experience) => Learn(new ReadOnlySpan<Experience>(in experience));

    /// <summary>
    /// Stores every transition, then makes <see cref="DqnOptions.GradientSteps"/> updates if the batch reached a
    /// training step (every <see cref="DqnOptions.TrainEvery"/> real steps): a batch of one learns as a single
    /// step always did, and a large batch costs no more than one step.
    /// </summary>
    public void Learn(ReadOnlySpan<Experience> batch)
    {
        var before = RealSteps;
        foreach (var experience in batch)
        {
            _core.Remember(experience);
        }

        var reachedTrainingStep = RealSteps / _options.TrainEvery > before / _options.TrainEvery;
        if (_core.Buffer.Count < _options.LearningStarts || !reachedTrainingStep)
        {
            return;
        }

        for (var g = 0; g < _options.GradientSteps; g++)
        {
            _core.FillReal(_options.BatchSize);
            LastLoss = Q.Update(_core.Batch);
        }
    }

    /// <summary>Saves weights, optimizer state, counters and the exploration generator; the replay buffer starts empty after a load.</summary>
    public void Save(BinaryWriter writer) => _core.Save(writer);

    public void Load(BinaryReader reader) => _core.Load(reader);

    public void Dispose() => _core.Dispose();
}
