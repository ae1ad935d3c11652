using EdgeControl.Agents.Features;
using EdgeControl.Agents.Neural;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeControl.Agents.Model;

/// <summary>
/// A learned model of the environment: an ensemble of MLPs that predict the log latency and log
/// device energy of an action from observation features plus action features, trained on real
/// transitions only. The spread across members is the model's uncertainty. Rewards are computed
/// from predicted outcomes by Core's reward function, so one model serves any reward weights.
/// The members are one batched network (<see cref="EnsembleNetwork"/>) trained by one Adam: each
/// member gets its own random minibatch, and the loss is the sum of the members' mean losses, so
/// every member's gradient and Adam step are those of training it alone, at the cost of one network.
/// Minibatches favour the newest outcomes (<see cref="EnvironmentModelOptions.RecentShare"/>), so a refit after the
/// environment changed follows the change instead of averaging the two worlds.
/// </summary>
public sealed class EnvironmentModel : IDisposable
{
    private const int Outputs = 2;

    private readonly EnvironmentModelOptions _options;
    private readonly ObservationFeatures _observation;
    private readonly ActionFeatures _action;
    private readonly EnsembleNetwork _members;
    private readonly AdamOptimizer _optimizer;
    private readonly Xoshiro256 _rng;
    private readonly float[] _fitInputs;
    private readonly float[] _fitTargets;
    private readonly float[] _row;
    private float[] _outputs = [];
    private float[] _newest = [];
    private OutcomePrediction[] _newestPredictions = [];
    private float[] _inputs = new float[1024];
    private float[] _targets = new float[1024];

    public EnvironmentModel(Scenario scenario, EnvironmentModelOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 2, nameof(options));
        _options = options;
        _observation = new ObservationFeatures(scenario);
        _action = new ActionFeatures(scenario, options.UseActionFeatures);
        InputLength = _observation.Length + _action.Length;
        _members = SeededInitialisation.Draw(seed, () => new EnsembleNetwork("model", options.EnsembleSize, InputLength, options.Hidden, Outputs));
        _optimizer = new AdamOptimizer(_members.parameters(), options.LearningRate);
        _rng = new Xoshiro256(seed ^ 0x5DEECE66DL);
        _fitInputs = new float[options.EnsembleSize * options.BatchSize * InputLength];
        _fitTargets = new float[options.EnsembleSize * options.BatchSize * Outputs];
        _row = new float[InputLength];
    }

    public int InputLength { get; }

    /// <summary>Real transitions the model has been given.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the members have been trained at all (also true of a model loaded from a fitted one's checkpoint).</summary>
    public bool IsFitted => _optimizer.Steps > 0;

    public void Encode(Observation request, int action, Span<float> into)
    {
        _observation.Write(request, into[.._observation.Length]);
        _action.Write(request, action, into[_observation.Length..]);
    }

    /// <summary>Adds one real outcome to the training data.</summary>
    public void Add(Observation request, int action, Outcome outcome)
    {
        if (Count >= _options.MaxRows)
        {
            KeepNewest(_options.MaxRows / 2);
        }

        EnsureCapacity(Count + 1);
        Encode(request, action, _inputs.AsSpan(Count * InputLength, InputLength));
        _targets[Count * Outputs] = (float)Math.Log(Math.Max(outcome.LatencyMs, 1e-3));
        _targets[Count * Outputs + 1] = (float)Math.Log(Math.Max(outcome.EnergyJ, 1e-6));
        Count++;
    }

    /// <summary>Trains every member for the configured steps on random minibatches of all data; returns the mean loss.</summary>
    public double Fit() => Fit(_options.StepsPerFit);

    public double Fit(int steps)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var members = _members.Members;
        var batch = Math.Min(_options.BatchSize, Count);
        var x = _fitInputs.AsSpan(0, members * batch * InputLength);
        var y = _fitTargets.AsSpan(0, members * batch * Outputs);
        var loss = double.NaN;
        _members.train();
        for (var step = 0; step < steps; step++)
        {
            // Row block m is member m's own minibatch: the members see different data, as separately trained ones would.
            for (var i = 0; i < members * batch; i++)
            {
                var k = DrawRow();
                _inputs.AsSpan(k * InputLength, InputLength).CopyTo(x[(i * InputLength)..]);
                _targets.AsSpan(k * Outputs, Outputs).CopyTo(y[(i * Outputs)..]);
            }

            using var scope = torch.NewDisposeScope();
            // clone(): aligned copy so fits repeat exactly for a seed (see QFunction.Update).
            // torch.tensor wraps a whole array in place; only while data is scarcer than a minibatch is a part copied out.
            var full = batch == _options.BatchSize;
            var input = torch.tensor(full ? _fitInputs : x.ToArray(), [members, batch, InputLength]).clone();
            var target = torch.tensor(full ? _fitTargets : y.ToArray(), [members, batch, Outputs]);
            // Sum over members of each member's mean squared error: member m's gradient is exactly its own loss's.
            var perMember = (_members.forward(input) - target).square().mean([1, 2]);
            var total = perMember.sum();
            _optimizer.ZeroGrad();
            total.backward();
            _optimizer.Step();
            if (step == steps - 1)
            {
                loss = total.item<float>() / members;
            }
        }

        return loss;
    }

    /// <summary>
    /// The largest error, in log latency, of the model's predictions for the newest <paramref name="count"/> outcomes added
    /// (at most <see cref="EnvironmentModelOptions.RecentRows"/> of them): called before a refit, it says how much they
    /// surprise the model. NaN while the model has not been fitted.
    /// </summary>
    public double LargestLogLatencyErrorOfNewest(int count)
    {
        count = Math.Min(Math.Min(count, Count), _options.RecentRows);
        if (!IsFitted || count <= 0)
        {
            return double.NaN;
        }

        if (_newest.Length < count * InputLength)
        {
            _newest = new float[count * InputLength];
            _newestPredictions = new OutcomePrediction[count];
        }

        var first = Count - count;
        _inputs.AsSpan(first * InputLength, count * InputLength).CopyTo(_newest);
        Predict(_newest, count, _newestPredictions);
        var largest = 0.0;
        for (var i = 0; i < count; i++)
        {
            var error = Math.Abs(Math.Log(_newestPredictions[i].LatencyMs) - _targets[(first + i) * Outputs]);
            largest = Math.Max(largest, error);
        }

        return largest;
    }

    /// <summary>Predicts outcomes for <paramref name="count"/> encoded (observation, action) rows: one forward pass for all members.</summary>
    public void Predict(float[] inputs, int count, Span<OutcomePrediction> into)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length % InputLength != 0 || count * InputLength > inputs.Length)
        {
            throw new ArgumentException($"inputs must be whole rows of {InputLength} values holding at least {count} rows (got {inputs.Length} values)", nameof(inputs));
        }

        var members = _members.Members;
        if (_outputs.Length < members * count * Outputs)
        {
            _outputs = new float[members * count * Outputs];
        }

        using (var scope = torch.NewDisposeScope())
        using (var noGrad = torch.no_grad())
        {
            _members.eval();
            var rows = inputs.Length / InputLength;
            // torch.tensor wraps the whole array in place (no copy); the first count rows are cloned into aligned memory.
            var x = torch.tensor(inputs, [rows, InputLength]).narrow(0, 0, count).clone();
            var output = _members.forward(x.unsqueeze(0).expand(members, count, InputLength));
            output.data<float>().CopyTo(_outputs);
        }

        for (var i = 0; i < count; i++)
        {
            // Output [E, count, 2]: member m's row i at (m * count + i) * 2.
            into[i] = OutcomePrediction.OfMembers(_outputs.AsSpan(i * Outputs), members, count * Outputs);
        }
    }

    /// <summary>Predicts the outcome of one action.</summary>
    public OutcomePrediction Predict(Observation request, int action)
    {
        Encode(request, action, _row);
        Span<OutcomePrediction> result = stackalloc OutcomePrediction[1];
        Predict(_row, 1, result);
        return result[0];
    }

    /// <summary>
    /// A copy of the members as they are now, for predicting from other threads (<see cref="FrozenEnvironmentModel"/>);
    /// later fits do not change it. Call on the thread that owns the model.
    /// </summary>
    public FrozenEnvironmentModel Freeze() => new(_observation, _action, _members.Freeze());

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _members.save(writer);
        _optimizer.Save(writer);
        writer.Write(Count);
        foreach (var v in _inputs.AsSpan(0, Count * InputLength))
        {
            writer.Write(v);
        }

        foreach (var v in _targets.AsSpan(0, Count * Outputs))
        {
            writer.Write(v);
        }
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _members.load(reader);
        _optimizer.Load(reader);
        var count = reader.ReadInt32();
        EnsureCapacity(count);
        for (var i = 0; i < count * InputLength; i++)
        {
            _inputs[i] = reader.ReadSingle();
        }

        for (var i = 0; i < count * Outputs; i++)
        {
            _targets[i] = reader.ReadSingle();
        }

        Count = count;
        if (Count > _options.MaxRows)
        {
            KeepNewest(_options.MaxRows);
        }
    }

    public void Dispose()
    {
        _members.Dispose();
        _optimizer.Dispose();
    }

    /// <summary>A stored row for a minibatch: with <see cref="EnvironmentModelOptions.RecentShare"/> one of the newest rows, else any.</summary>
    private int DrawRow()
    {
        var recent = _options.RecentRows;
        if (Count > recent && _options.RecentShare > 0 && _rng.NextDouble() < _options.RecentShare)
        {
            return Count - 1 - _rng.NextInt(recent);
        }

        return _rng.NextInt(Count);
    }

    /// <summary>Drops all but the newest <paramref name="rows"/> outcomes, which keep their order (the newest last).</summary>
    private void KeepNewest(int rows)
    {
        var first = Count - rows;
        Array.Copy(_inputs, first * InputLength, _inputs, 0, rows * InputLength);
        Array.Copy(_targets, first * Outputs, _targets, 0, rows * Outputs);
        Count = rows;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows * InputLength > _inputs.Length)
        {
            var size = Math.Max(rows, Count * 2);
            Array.Resize(ref _inputs, size * InputLength);
            Array.Resize(ref _targets, size * Outputs);
        }
    }
}
