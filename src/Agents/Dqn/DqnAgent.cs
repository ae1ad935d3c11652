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
    private bool[]? _allActions;

    public DqnAgent(Scenario scenario, DqnOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _features = new ObservationFeatures(scenario);
        _mask = new ActionMask(scenario);
        _actionCount = new ActionSpace(scenario).Count;
        Q = new QFunction(_features.Length, _actionCount, options, seed);
        _buffer = new ReplayBuffer(options.BufferCapacity, _features.Length, _actionCount);
        _batch = new TransitionBatch(options.BatchSize, _features.Length, _actionCount);
        _indices = new int[options.BatchSize];
        _state = new float[_features.Length];
        _nextState = new float[_features.Length];
        _rng = new Xoshiro256(seed);
    }

    public string Name => "dqn";

    public long RealSteps { get; private set; }

    public QFunction Q { get; }

    public double LastLoss { get; private set; } = double.NaN;

    public int Act(Observation request, bool explore)
    {
        var allowed = Allowed(request);
        if (explore && _rng.NextDouble() < _options.Epsilon.At(RealSteps))
        {
            return GreedyChoice.RandomAllowed(_rng, allowed, _actionCount);
        }

        _features.Write(request, _state);
        return GreedyChoice.Best(Q.Values(_state), allowed);
    }

    public int[] ActGreedy(IReadOnlyList<Observation> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var states = new float[requests.Count * _features.Length];
        for (var i = 0; i < requests.Count; i++)
        {
            _features.Write(requests[i], states.AsSpan(i * _features.Length, _features.Length));
        }

        var values = Q.Values(states, requests.Count);
        var actions = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            actions[i] = GreedyChoice.Best(values.AsSpan(i * _actionCount, _actionCount), Allowed(requests[i]));
        }

        return actions;
    }

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        _features.Write(experience.Request, _state);
        _features.Write(experience.Next, _nextState);
        var nextAllowed = _options.UseActionMask ? _mask.Allowed(experience.Next) : AllActions();
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
        WriteRng(writer, _rng);
        Q.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RealSteps = reader.ReadInt64();
        ReadRng(reader, _rng);
        Q.Load(reader);
    }

    private static void WriteRng(BinaryWriter writer, Xoshiro256 rng)
    {
        var (a, b, c, d) = rng.State;
        writer.Write(a);
        writer.Write(b);
        writer.Write(c);
        writer.Write(d);
    }

    private static void ReadRng(BinaryReader reader, Xoshiro256 rng) =>
        rng.State = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());

    public void Dispose() => Q.Dispose();

    private ReadOnlySpan<bool> Allowed(Observation request) =>
        _options.UseActionMask ? _mask.Allowed(request) : ReadOnlySpan<bool>.Empty;

    private bool[] AllActions() => _allActions ??= Enumerable.Repeat(true, _actionCount).ToArray();
}
