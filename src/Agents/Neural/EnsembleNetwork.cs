using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeControl.Agents.Neural;

/// <summary>
/// E ReLU multilayer perceptrons of the same shape held as one network: each layer's weights are stacked
/// into [E, in, out] and its biases into [E, 1, out], and a forward pass is one batched matrix multiply per
/// layer over input [E, B, in]. The members share no weights, so each still learns only from its own rows.
/// </summary>
public sealed class EnsembleNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ParameterList _weights = new();
    private readonly ParameterList _biases = new();
    private readonly Scalar _one = 1.0.ToScalar();

    public EnsembleNetwork(string name, int members, int inputs, IReadOnlyList<int> hidden, int outputs)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        Members = members;
        var width = inputs;
        foreach (var next in hidden.Append(outputs))
        {
            // nn.Linear's initialisation (kaiming_uniform with a = sqrt(5), and its bias rule) is U(-b, b) with b = 1/sqrt(fan_in), member by member.
            var bound = 1.0 / Math.Sqrt(width);
            _weights.Add(new Parameter(Uniform([members, width, next], bound)));
            _biases.Add(new Parameter(Uniform([members, 1, next], bound)));
            width = next;
        }

        RegisterComponents();
    }

    public int Members { get; }

    /// <summary>Input [E, B, in] (member m sees row block m), output [E, B, out].</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _weights.Count; i++)
        {
            // bmm then add rather than baddbmm: TorchSharp 0.107's baddbmm (static and method) failed here with a shape
            // error that fits its tensors reaching libtorch in another order. The add's alpha is our own Scalar (see AdamOptimizer).
            x = x.bmm(_weights[i]).add_(_biases[i], _one);
            if (i < _weights.Count - 1)
            {
                x = nn.functional.relu(x);
            }
        }

        return x;
    }

    /// <summary>A managed copy of every member's weights as they are now (<see cref="FrozenPerceptron"/>), member 0 first.</summary>
    public FrozenPerceptron[] Freeze()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var members = new List<(float[] Weights, float[] Biases)>[Members];
        for (var m = 0; m < Members; m++)
        {
            members[m] = new(_weights.Count);
        }

        for (var i = 0; i < _weights.Count; i++)
        {
            // Stacked as [E, in, out] for bmm; a FrozenPerceptron keeps one row per output, as nn.Linear does: [out, in].
            var weights = _weights[i].detach().transpose(1, 2).contiguous();
            var biases = _biases[i].detach().contiguous();
            for (var m = 0; m < Members; m++)
            {
                members[m].Add((weights[m].data<float>().ToArray(), biases[m].data<float>().ToArray()));
            }
        }

        return [.. members.Select(layers => new FrozenPerceptron(layers))];
    }

    private static Tensor Uniform(long[] shape, double bound)
    {
        using var noGrad = torch.no_grad();
        return torch.empty(shape).uniform_(-bound, bound);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _weights.Dispose();
            _biases.Dispose();
            _one.Dispose();
        }

        base.Dispose(disposing);
    }
}
