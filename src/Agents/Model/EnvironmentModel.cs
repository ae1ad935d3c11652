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
/// </summary>
public sealed class EnvironmentModel : IDisposable
{
    private const int Outputs = 2;

    private readonly EnvironmentModelOptions _options;
    private readonly ObservationFeatures _observation;
    private readonly ActionFeatures _action;
    private readonly MultilayerPerceptron[] _members;
    private readonly AdamOptimizer[] _optimizers;
    private readonly Xoshiro256 _rng;
    private float[] _inputs = new float[1024];
    private float[] _targets = new float[1024];

    public EnvironmentModel(Scenario scenario, EnvironmentModelOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _observation = new ObservationFeatures(scenario);
        _action = new ActionFeatures(scenario, options.UseActionFeatures);
        InputLength = _observation.Length + _action.Length;
        torch.random.manual_seed(seed);
        _members = new MultilayerPerceptron[options.EnsembleSize];
        _optimizers = new AdamOptimizer[options.EnsembleSize];
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m] = new MultilayerPerceptron($"model_{m}", InputLength, options.Hidden, Outputs);
            _optimizers[m] = new AdamOptimizer(_members[m].parameters(), options.LearningRate);
        }

        _rng = new Xoshiro256(seed ^ 0x5DEECE66DL);
    }

    public int InputLength { get; }

    /// <summary>Real transitions the model has been given.</summary>
    public int Count { get; private set; }

    public void Encode(Observation request, int action, Span<float> into)
    {
        _observation.Write(request, into[.._observation.Length]);
        _action.Write(request, action, into[_observation.Length..]);
    }

    /// <summary>Adds one real outcome to the training data.</summary>
    public void Add(Observation request, int action, Outcome outcome)
    {
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

        var batch = Math.Min(_options.BatchSize, Count);
        var x = new float[batch * InputLength];
        var y = new float[batch * Outputs];
        var total = 0.0;
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m].train();
            for (var step = 0; step < steps; step++)
            {
                for (var i = 0; i < batch; i++)
                {
                    var k = _rng.NextInt(Count);
                    _inputs.AsSpan(k * InputLength, InputLength).CopyTo(x.AsSpan(i * InputLength));
                    _targets.AsSpan(k * Outputs, Outputs).CopyTo(y.AsSpan(i * Outputs));
                }

                using var scope = torch.NewDisposeScope();
                // clone(): aligned copy so fits repeat exactly for a seed (see QFunction.Update).
                var loss = nn.functional.mse_loss(_members[m].forward(torch.tensor(x, [batch, InputLength]).clone()), torch.tensor(y, [batch, Outputs]));
                _optimizers[m].ZeroGrad();
                loss.backward();
                _optimizers[m].Step();
                if (step == steps - 1)
                {
                    total += loss.item<float>();
                }
            }
        }

        return total / _members.Length;
    }

    /// <summary>Predicts outcomes for <paramref name="count"/> encoded (observation, action) rows.</summary>
    public void Predict(float[] inputs, int count, Span<OutcomePrediction> into)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new float[_members.Length][];
        using (var scope = torch.NewDisposeScope())
        using (var noGrad = torch.no_grad())
        {
            var x = torch.tensor(inputs.AsSpan(0, count * InputLength).ToArray(), [count, InputLength]).clone();
            for (var m = 0; m < _members.Length; m++)
            {
                _members[m].eval();
                outputs[m] = _members[m].forward(x).data<float>().ToArray();
            }
        }

        for (var i = 0; i < count; i++)
        {
            double latency = 0, energy = 0, squares = 0;
            foreach (var o in outputs)
            {
                latency += o[i * Outputs];
                energy += o[i * Outputs + 1];
                squares += o[i * Outputs] * (double)o[i * Outputs];
            }

            var n = outputs.Length;
            var meanLog = latency / n;
            var spread = Math.Sqrt(Math.Max(0, squares / n - meanLog * meanLog));
            into[i] = new OutcomePrediction(Math.Exp(meanLog), Math.Exp(energy / n), spread);
        }
    }

    /// <summary>Predicts the outcome of one action.</summary>
    public OutcomePrediction Predict(Observation request, int action)
    {
        var row = new float[InputLength];
        Encode(request, action, row);
        Span<OutcomePrediction> result = stackalloc OutcomePrediction[1];
        Predict(row, 1, result);
        return result[0];
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m].save(writer);
            _optimizers[m].Save(writer);
        }

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
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m].load(reader);
            _optimizers[m].Load(reader);
        }

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
    }

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }

        foreach (var optimizer in _optimizers)
        {
            optimizer.Dispose();
        }
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
