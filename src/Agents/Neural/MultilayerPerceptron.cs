using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeControl.Agents.Neural;

/// <summary>A plain ReLU multilayer perceptron: the Q-network and each environment-model member.</summary>
public sealed class MultilayerPerceptron : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _layers;

    public MultilayerPerceptron(string name, int inputs, IReadOnlyList<int> hidden, int outputs)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        _layers = new ModuleList<Linear>();
        var width = inputs;
        foreach (var h in hidden)
        {
            _layers.Add(nn.Linear(width, h));
            width = h;
        }

        _layers.Add(nn.Linear(width, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _layers.Count - 1; i++)
        {
            x = nn.functional.relu(_layers[i].forward(x));
        }

        return _layers[^1].forward(x);
    }

    /// <summary>A managed copy of the current weights (<see cref="FrozenPerceptron"/>); later training does not change it.</summary>
    public FrozenPerceptron Freeze()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var layers = new List<(float[] Weights, float[] Biases)>(_layers.Count);
        foreach (var layer in _layers)
        {
            layers.Add((layer.weight!.detach().contiguous().data<float>().ToArray(), layer.bias!.detach().contiguous().data<float>().ToArray()));
        }

        return new FrozenPerceptron(layers);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
