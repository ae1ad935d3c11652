using System.Diagnostics;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Hybrid;

/// <summary>
/// Hybrid Learning: a DQN that learns from real transitions and from imagined ones produced by a
/// learned environment model (Dyna). After each batch of real steps it makes K minibatch updates whose
/// rows are partly real and partly imagined: a stored real request, an exploratory action, and the
/// reward Core computes from the model's predicted outcome. Uncertain imaginations are dropped.
/// Only real steps count as interactions. The work per batch is bounded (K updates, at most one refit),
/// so the cost of learning follows the number of batches, not the rate at which experiences arrive.
/// </summary>
public sealed class HybridLearningAgent : ILearner, IReportsLoss, ICheckpointable, IFreezablePolicy, IOutcomePredictor, IDisposable
{
    private readonly Scenario _scenario;
    private readonly HybridOptions _options;
    private readonly DqnCore _core;
    private readonly float[] _imaginedInputs;
    private readonly int[] _imaginedSource;
    private readonly int[] _imaginedAction;
    private readonly OutcomePrediction[] _predictions;
    private bool _refitDue;
    private long _lastRefitStep;
    private long _learningTicks;
    private long _refitTicks;

    public HybridLearningAgent(Scenario scenario, HybridOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _scenario = scenario;
        _options = options;
        _core = new DqnCore(scenario, options.Dqn, seed);
        Model = new EnvironmentModel(scenario, options.Model, seed + 1);
        var batch = options.Dqn.BatchSize;
        _imaginedInputs = new float[batch * Model.InputLength];
        _imaginedSource = new int[batch];
        _imaginedAction = new int[batch];
        _predictions = new OutcomePrediction[batch];
    }

    public string Name => "hl";

    public long RealSteps => _core.RealSteps;

    public QFunction Q => _core.Q;

    public EnvironmentModel Model { get; }

    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Imagined transitions used and dropped (too uncertain) so far.</summary>
    public long Imagined { get; private set; }

    public long DroppedImagined { get; private set; }

    public bool CanPredict => Model.IsFitted;

    public OutcomePrediction Predict(Observation request, int action) => Model.Predict(request, action);

    public int Act(Observation request, bool explore) => _core.Act(request, explore ? _options.Dqn.Epsilon.At(RealSteps) : 0);

    public ServedAction Serve(Observation request, bool explore, ReadOnlySpan<bool> allowed) =>
        _core.Serve(request, explore ? _options.Dqn.Epsilon.At(RealSteps) : 0, allowed);

    public int[] ActGreedy(IReadOnlyList<Observation> requests) => _core.ActGreedy(requests);

    public ServingSnapshot Snapshot() => new(_core.Freeze(_options.Dqn.Epsilon.At(RealSteps)), Model.IsFitted ? Model.Freeze() : null);

    public void Learn(Experience experience) => Learn(new ReadOnlySpan<Experience>(in experience));

    /// <summary>
    /// Every experience goes into the replay buffer and the model's data; then at most one refit of the model
    /// (if the batch passed a refit point of <see cref="HybridOptions.IsRefitStep"/>, within
    /// <see cref="HybridOptions.MaxRefitShare"/> of the time) and K minibatch updates. A batch of one is exactly the per-step agent.
    /// </summary>
    public void Learn(ReadOnlySpan<Experience> batch)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            LearnFrom(batch);
        }
        finally
        {
            _learningTicks += Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Saves the DQN, counters, the generator and the model ensemble with its training data; the replay buffer starts empty after a load.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _core.Save(writer);
        writer.Write(Imagined);
        writer.Write(DroppedImagined);
        Model.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _core.Load(reader);
        Imagined = reader.ReadInt64();
        DroppedImagined = reader.ReadInt64();
        Model.Load(reader);
    }

    public void Dispose()
    {
        _core.Dispose();
        Model.Dispose();
    }

    private void LearnFrom(ReadOnlySpan<Experience> batch)
    {
        var before = RealSteps;
        foreach (var experience in batch)
        {
            _core.Remember(experience);
            Model.Add(experience.Request, experience.Action, experience.Outcome);
        }

        _refitDue |= _options.Planning && (_options.IsRefitDue(before, RealSteps) || Surprised(batch.Length));
        if (_refitDue && (batch.Length == 1 || _refitTicks <= _options.MaxRefitShare * _learningTicks))
        {
            var start = Stopwatch.GetTimestamp();
            LastLoss = Model.Fit();
            _refitTicks += Stopwatch.GetTimestamp() - start;
            _refitDue = false;
            _lastRefitStep = RealSteps;
        }

        var buffer = _core.Buffer;
        if (buffer.Count < Math.Min(_options.Dqn.LearningStarts, _options.PlanningStarts))
        {
            return;
        }

        var planning = _options.Planning && buffer.Count >= _options.PlanningStarts;
        var updates = planning ? _options.ImaginedUpdatesPerStep : _options.Dqn.GradientSteps;
        var rows = _core.Batch.Capacity;
        for (var k = 0; k < updates; k++)
        {
            var real = planning ? (int)Math.Round(rows * _options.RealFraction) : rows;
            _core.FillReal(real);
            if (planning)
            {
                AppendImagined(rows - real);
            }

            if (_core.Batch.Count > 0)
            {
                Q.Update(_core.Batch);
            }
        }
    }

    /// <summary>Whether the newest <paramref name="count"/> real outcomes surprise the model (<see cref="HybridOptions.SurpriseLogError"/>), at most once per <see cref="HybridOptions.SurpriseRefitGap"/> steps.</summary>
    private bool Surprised(int count) =>
        !_refitDue && RealSteps - _lastRefitStep >= _options.SurpriseRefitGap
        && Model.LargestLogLatencyErrorOfNewest(count) > _options.SurpriseLogError;

    /// <summary>Imagines <paramref name="count"/> transitions from stored requests and exploratory actions, appending the confident ones.</summary>
    private void AppendImagined(int count)
    {
        var buffer = _core.Buffer;
        var rng = _core.Rng;
        var actionCount = _core.Actions.Count;
        for (var i = 0; i < count; i++)
        {
            var source = rng.NextInt(buffer.Count);
            var request = buffer.Request(source);
            _imaginedSource[i] = source;
            _imaginedAction[i] = GreedyChoice.RandomAllowed(rng, _core.Mask.Restrict(request), actionCount);
            Model.Encode(request, _imaginedAction[i], _imaginedInputs.AsSpan(i * Model.InputLength, Model.InputLength));
        }

        Model.Predict(_imaginedInputs, count, _predictions);
        var batch = _core.Batch;
        var length = _core.Features.Length;
        for (var i = 0; i < count; i++)
        {
            var prediction = _predictions[i];
            if (prediction.Spread > _options.SpreadThreshold)
            {
                DroppedImagined++;
                continue;
            }

            var request = buffer.Request(_imaginedSource[i]);
            var variant = _scenario.Catalog[_core.Actions.Decode(_imaginedAction[i]).Variant];
            var outcome = prediction.WithAccuracy(variant.Top1);
            var row = batch.Count++;
            buffer.State(_imaginedSource[i]).CopyTo(batch.States.AsSpan(row * length, length));
            // The imagined next request is the stored one: other users' requests do not depend on this action.
            buffer.NextStateInto(_imaginedSource[i], batch.NextStates.AsSpan(row * length, length), batch.NextMask.AsSpan(row * actionCount, actionCount));
            batch.Actions[row] = _imaginedAction[i];
            batch.Rewards[row] = (float)Reward.Of(outcome, request, _scenario.Reward);
            Imagined++;
        }
    }
}
