using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Hybrid;

/// <summary>
/// Hybrid Learning: a DQN that learns from real transitions and from imagined ones produced by a
/// learned environment model (Dyna). After each real step it makes K minibatch updates whose rows
/// are partly real and partly imagined: a stored real request, an exploratory action, and the
/// reward Core computes from the model's predicted outcome. Uncertain imaginations are dropped.
/// Only real steps count as interactions.
/// </summary>
public sealed class HybridLearningAgent : ILearner, IReportsLoss, ICheckpointable, IDisposable
{
    private readonly Scenario _scenario;
    private readonly HybridOptions _options;
    private readonly ObservationFeatures _features;
    private readonly ActionSpace _actions;
    private readonly ActionMask _mask;
    private readonly ReplayBuffer _buffer;
    private readonly TransitionBatch _batch;
    private readonly int[] _indices;
    private readonly float[] _state;
    private readonly float[] _nextState;
    private readonly Xoshiro256 _rng;
    private readonly QPolicy _policy;
    private readonly float[] _imaginedInputs;
    private readonly int[] _imaginedSource;
    private readonly int[] _imaginedAction;
    private readonly OutcomePrediction[] _predictions;

    public HybridLearningAgent(Scenario scenario, HybridOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _scenario = scenario;
        _options = options;
        _features = new ObservationFeatures(scenario);
        _actions = new ActionSpace(scenario);
        _mask = new ActionMask(scenario, options.Dqn.UseActionMask);
        Q = new QFunction(_features.Length, _actions.Count, options.Dqn, seed);
        Model = new EnvironmentModel(scenario, options.Model, seed + 1);
        _buffer = new ReplayBuffer(options.Dqn.BufferCapacity, _features.Length, _actions.Count);
        var batch = options.Dqn.BatchSize;
        _batch = new TransitionBatch(batch, _features.Length, _actions.Count);
        _indices = new int[batch];
        _state = new float[_features.Length];
        _nextState = new float[_features.Length];
        _rng = new Xoshiro256(seed);
        _policy = new QPolicy(Q, _features, _mask, _rng);
        _imaginedInputs = new float[batch * Model.InputLength];
        _imaginedSource = new int[batch];
        _imaginedAction = new int[batch];
        _predictions = new OutcomePrediction[batch];
    }

    public string Name => "hl";

    public long RealSteps { get; private set; }

    public QFunction Q { get; }

    public EnvironmentModel Model { get; }

    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Imagined transitions used and dropped (too uncertain) so far.</summary>
    public long Imagined { get; private set; }

    public long DroppedImagined { get; private set; }

    public int Act(Observation request, bool explore) => _policy.Act(request, explore ? _options.Dqn.Epsilon.At(RealSteps) : 0);

    public int[] ActGreedy(IReadOnlyList<Observation> requests) => _policy.Greedy(requests);

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        _features.Write(experience.Request, _state);
        _features.Write(experience.Next, _nextState);
        var nextAllowed = _mask.Allowed(experience.Next);
        _buffer.Add(experience.Request, _state, experience.Action, experience.Reward, _nextState, nextAllowed);
        Model.Add(experience.Request, experience.Action, experience.Outcome);
        RealSteps++;

        if (_options.Planning && (_options.IsRefitStep(RealSteps) || RealSteps == _options.PlanningStarts))
        {
            LastLoss = Model.Fit();
        }

        if (_buffer.Count < Math.Min(_options.Dqn.LearningStarts, _options.PlanningStarts))
        {
            return;
        }

        var planning = _options.Planning && _buffer.Count >= _options.PlanningStarts;
        var updates = planning ? _options.ImaginedUpdatesPerStep : _options.Dqn.GradientSteps;
        for (var k = 0; k < updates; k++)
        {
            var real = planning ? (int)Math.Round(_batch.Capacity * _options.RealFraction) : _batch.Capacity;
            FillReal(real);
            if (planning)
            {
                AppendImagined(_batch.Capacity - real);
            }

            if (_batch.Count > 0)
            {
                Q.Update(_batch);
            }
        }
    }

    /// <summary>Saves the DQN, the model ensemble with its training data, counters and the generator; the replay buffer starts empty after a load.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(RealSteps);
        writer.Write(Imagined);
        writer.Write(DroppedImagined);
        writer.WriteGenerator(_rng);
        Q.Save(writer);
        Model.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RealSteps = reader.ReadInt64();
        Imagined = reader.ReadInt64();
        DroppedImagined = reader.ReadInt64();
        reader.ReadGenerator(_rng);
        Q.Load(reader);
        Model.Load(reader);
    }

    public void Dispose()
    {
        Q.Dispose();
        Model.Dispose();
    }

    private void FillReal(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _indices[i] = _rng.NextInt(_buffer.Count);
        }

        _buffer.Fill(_indices.AsSpan(0, count), _batch);
    }

    /// <summary>Imagines <paramref name="count"/> transitions from stored requests and exploratory actions, appending the confident ones.</summary>
    private void AppendImagined(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var source = _rng.NextInt(_buffer.Count);
            var request = _buffer.Request(source);
            _imaginedSource[i] = source;
            _imaginedAction[i] = GreedyChoice.RandomAllowed(_rng, _mask.Restrict(request), _actions.Count);
            Model.Encode(request, _imaginedAction[i], _imaginedInputs.AsSpan(i * Model.InputLength, Model.InputLength));
        }

        Model.Predict(_imaginedInputs, count, _predictions);
        var length = _features.Length;
        for (var i = 0; i < count; i++)
        {
            var prediction = _predictions[i];
            if (prediction.Spread > _options.SpreadThreshold)
            {
                DroppedImagined++;
                continue;
            }

            var request = _buffer.Request(_imaginedSource[i]);
            var variant = _scenario.Catalog[_actions.Decode(_imaginedAction[i]).Variant];
            var outcome = new Outcome(prediction.LatencyMs, prediction.EnergyJ, variant.Top1);
            var row = _batch.Count++;
            _buffer.State(_imaginedSource[i]).CopyTo(_batch.States.AsSpan(row * length, length));
            // The imagined next request is the stored one: other users' requests do not depend on this action.
            _buffer.NextStateInto(_imaginedSource[i], _batch.NextStates.AsSpan(row * length, length), _batch.NextMask.AsSpan(row * _actions.Count, _actions.Count));
            _batch.Actions[row] = _imaginedAction[i];
            _batch.Rewards[row] = (float)Reward.Of(outcome, request, _scenario.Reward);
            Imagined++;
        }
    }
}
