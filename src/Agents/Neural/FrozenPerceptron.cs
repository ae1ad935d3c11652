using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeControl.Agents.Neural;

/// <summary>
/// A copy of a <see cref="MultilayerPerceptron"/>'s weights, evaluated in managed code: what serving decisions needs.
/// The TorchSharp network costs a dispose scope, a tensor and a handful of native calls per forward pass, must not be
/// used by two threads at once, and MKL spreads its small products over an OpenMP team of its own for every thread that
/// calls it; this copy never changes, so any number of threads evaluate it at once, and a pass allocates nothing.
/// </summary>
public sealed class FrozenPerceptron
{
    /// <summary>Per layer: weights row by row (one row per output, as <c>nn.Linear</c> keeps them) and biases.</summary>
    private readonly (float[] Weights, float[] Biases, int Inputs, int Outputs)[] _layers;
    private readonly int _widest;

    /// <param name="layers">Each layer's weight matrix (outputs x inputs, row-major) and bias vector, input layer first.</param>
    public FrozenPerceptron(IReadOnlyList<(float[] Weights, float[] Biases)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A perceptron has at least one layer.", nameof(layers));
        }

        _layers = new (float[], float[], int, int)[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var (weights, biases) = layers[i];
            var outputs = biases.Length;
            if (outputs == 0 || weights.Length % outputs != 0)
            {
                throw new ArgumentException($"Layer {i}: {weights.Length} weights do not make {outputs} rows.", nameof(layers));
            }

            var inputs = weights.Length / outputs;
            if (i > 0 && inputs != _layers[i - 1].Outputs)
            {
                throw new ArgumentException($"Layer {i} takes {inputs} inputs but layer {i - 1} gives {_layers[i - 1].Outputs}.", nameof(layers));
            }

            _layers[i] = ((float[])weights.Clone(), (float[])biases.Clone(), inputs, outputs);
            _widest = Math.Max(_widest, outputs);
        }
    }

    /// <summary>
    /// The network whose every weight and bias is the mean of <paramref name="networks"/>' (all of one shape): stochastic
    /// weight averaging (Izmailov et al., 2018) of snapshots taken along one training run. Snapshots a few hundred
    /// gradient steps apart lie close together, so their average answers like their ensemble, at the cost of one network.
    /// </summary>
    public static FrozenPerceptron Average(IReadOnlyList<FrozenPerceptron> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count == 0)
        {
            throw new ArgumentException("There is no network to average.", nameof(networks));
        }

        var first = networks[0]._layers;
        var layers = new (float[] Weights, float[] Biases)[first.Length];
        for (var l = 0; l < first.Length; l++)
        {
            var (weights, biases) = (new float[first[l].Weights.Length], new float[first[l].Biases.Length]);
            foreach (var network in networks)
            {
                var layer = network._layers.Length == first.Length ? network._layers[l] : default;
                if (layer.Inputs != first[l].Inputs || layer.Outputs != first[l].Outputs)
                {
                    throw new ArgumentException("Only networks of one shape can be averaged.", nameof(networks));
                }

                TensorPrimitives.Add(weights, layer.Weights, weights);
                TensorPrimitives.Add(biases, layer.Biases, biases);
            }

            TensorPrimitives.Divide(weights, networks.Count, weights);
            TensorPrimitives.Divide(biases, networks.Count, biases);
            layers[l] = (weights, biases);
        }

        return new FrozenPerceptron(layers);
    }

    public int Inputs => _layers[0].Inputs;

    public int Outputs => _layers[^1].Outputs;

    /// <summary>Writes the network's output for <paramref name="input"/> into <paramref name="output"/>: ReLU after every layer but the last.</summary>
    /// <remarks>
    /// Compiled optimized at once: in a busy control plane the tiered JIT left the tier-0 (unvectorized) code of these
    /// loops running for minutes after start (profiled: 13% of the control plane's samples in deciding, mostly in Dot).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != Inputs || output.Length != Outputs)
        {
            throw new ArgumentException($"The network maps {Inputs} inputs to {Outputs} outputs, not {input.Length} to {output.Length}.");
        }

        // The input and one hidden activation at a time, each in its half of a stack buffer (a few KB).
        var half = Math.Max(Inputs, _widest);
        Span<float> scratch = half <= 2048 ? stackalloc float[2 * half] : new float[2 * half];
        input.CopyTo(scratch);
        var at = 0;
        for (var l = 0; l < _layers.Length; l++)
        {
            var (weights, biases, inputs, outputs) = _layers[l];
            var last = l == _layers.Length - 1;
            ReadOnlySpan<float> from = scratch.Slice(at, inputs);
            var into = last ? output : scratch.Slice(half - at, outputs);
            for (var o = 0; o < outputs; o++)
            {
                var value = TensorPrimitives.Dot(weights.AsSpan(o * inputs, inputs), from) + biases[o];
                into[o] = last || value > 0 ? value : 0;
            }

            at = half - at;
        }
    }
}
