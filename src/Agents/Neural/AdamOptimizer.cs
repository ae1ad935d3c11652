using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeControl.Agents.Neural;

/// <summary>
/// Adam (Kingma and Ba, 2015) with every libtorch Scalar held in a field or a using-scope.
/// TorchSharp's own Adam converts doubles to temporary Scalars inside step(); the garbage
/// collector's finalizer thread can free such a temporary while libtorch still reads it, which
/// crashed a training run here ("Expected false to be true" in Scalar::toFloat) about once in
/// five runs. Owning the Scalars removes that race; that includes the alpha of add_, which
/// TorchSharp would otherwise create as a temporary 1.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _one;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _beta1Scalar = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _one = 1.0.ToScalar();
        using var noGrad = torch.no_grad();
        _firstMoments = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public long Steps { get; private set; }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.grad?.zero_();
        }
    }

    public void Step()
    {
        Steps++;
        var bias1 = 1 - Math.Pow(_beta1, Steps);
        var bias2 = 1 - Math.Pow(_beta2, Steps);
        // p -= lr * m_hat / (sqrt(v_hat) + eps), rewritten on the raw moments.
        using var negativeStep = (-_learningRate * Math.Sqrt(bias2) / bias1).ToScalar();
        using var epsilon = (_epsilon * Math.Sqrt(bias2)).ToScalar();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            _firstMoments[i].mul_(_beta1Scalar).add_(grad, _oneMinusBeta1);
            _secondMoments[i].mul_(_beta2Scalar).addcmul_(grad, grad, _oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().add_(epsilon, _one);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, negativeStep);
        }
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Steps);
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            var values = moment.data<float>().ToArray();
            writer.Write(values.Length);
            foreach (var v in values)
            {
                writer.Write(v);
            }
        }
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Steps = reader.ReadInt64();
        using var noGrad = torch.no_grad();
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            var length = reader.ReadInt32();
            if (length != moment.numel())
            {
                throw new InvalidDataException($"optimizer state has {length} values for a tensor of {moment.numel()}");
            }

            var values = new float[length];
            for (var k = 0; k < length; k++)
            {
                values[k] = reader.ReadSingle();
            }

            using var loaded = torch.tensor(values, moment.shape);
            moment.copy_(loaded);
        }
    }

    public void Dispose()
    {
        foreach (var t in _firstMoments.Concat(_secondMoments))
        {
            t.Dispose();
        }

        _beta1Scalar.Dispose();
        _oneMinusBeta1.Dispose();
        _beta2Scalar.Dispose();
        _oneMinusBeta2.Dispose();
        _one.Dispose();
    }
}
