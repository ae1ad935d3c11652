using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>The model-free baseline: Double DQN with a target network, experience replay and epsilon-greedy exploration.</summary>
public sealed class DqnAgent : ILearner, IReportsLoss, ICheckpointable, IDisposable
{
    private readonly DqnOptions _options;
    private readonly ObservationFeatures _features;
    private readonly ActionMask _mask;
    private readonly int _actionCount;
    private readonly ReplayBuffer _buffer;
    private readonly TransitionBatch _batch;
    private readonly int[] _indices;
    private readonly float[] _state;
    private readonly float[] _nextState;
    private readonly Xoshiro256 _rng;
    private readonly QPolicy _policy;

    public DqnAgent(Scenario scenario, DqnOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _features = new ObservationFeatures(scenario);
        _mask = new ActionMask(scenario, options.UseActionMask);
        _actionCount = new ActionSpace(scenario).Count;
        Q = new QFunction(_features.Length, _actionCount, options, seed);
        _buffer = new ReplayBuffer(options.BufferCapacity, _features.Length, _actionCount);
        _batch = new TransitionBatch(options.BatchSize, _features.Length, _actionCount);
        _indices = new int[options.BatchSize];
        _state = new float[_features.Length];
        _nextState = new float[_features.Length];
        _rng = new Xoshiro256(seed);
        _policy = new QPolicy(Q, _features, _mask, _rng);
    }

    public string Name => "dqn";

    public long RealSteps { get; private set; }

    public QFunction Q { get; }

    public double LastLoss { get; private set; } = double.NaN;

    public int Act(Observation request, bool explore) => _policy.Act(request, explore ? _options.Epsilon.At(RealSteps) : 0);

    public int[] ActGreedy(IReadOnlyList<Observation> requests) => _policy.Greedy(requests);

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        _features.Write(experience.Request, _state);
        _features.Write(experience.Next, _nextState);
        var nextAllowed = _mask.Allowed(experience.Next);
        _buffer.Add(experience.Request, _state, experience.Action, experience.Reward, _nextState, nextAllowed);
        RealSteps++;
        if (_buffer.Count < _options.LearningStarts || RealSteps % _options.TrainEvery != 0)
        {
            return;
        }

        for (var g = 0; g < _options.GradientSteps; g++)
        {
            for (var i = 0; i < _indices.Length; i++)
            {
                _indices[i] = _rng.NextInt(_buffer.Count);
            }

            _buffer.Fill(_indices, _batch);
            LastLoss = Q.Update(_batch);
        }
    }

    /// <summary>Saves weights, optimizer state, counters and the exploration generator; the replay buffer starts empty after a load.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(RealSteps);
        writer.WriteGenerator(_rng);
        Q.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RealSteps = reader.ReadInt64();
        reader.ReadGenerator(_rng);
        Q.Load(reader);
    }

    public void Dispose() => Q.Dispose();
}
