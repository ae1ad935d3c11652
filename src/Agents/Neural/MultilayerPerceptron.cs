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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
