using EdgeControl.Agents.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// The Double DQN core: an online Q-network (state in, one Q-value per action out), its target
/// copy, and the optimizer. Used by the DQN baseline and by the hybrid agent. One thread only:
/// TorchSharp's dispose scopes are thread-static.
/// </summary>
public sealed class QFunction : IDisposable
{
    private readonly DqnOptions _options;
    private readonly MultilayerPerceptron _online;
    private readonly MultilayerPerceptron _target;
    private readonly AdamOptimizer _optimizer;
    private readonly Scalar _discount;
    private readonly float[] _single;

    public QFunction(int stateLength, int actionCount, DqnOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        StateLength = stateLength;
        ActionCount = actionCount;
        (_online, _target) = SeededInitialisation.Draw(seed, () => (
            new MultilayerPerceptron("q", stateLength, options.Hidden, actionCount),
            new MultilayerPerceptron("q_target", stateLength, options.Hidden, actionCount)));
        _target.load_state_dict(_online.state_dict());
        _target.eval();
        _optimizer = new AdamOptimizer(_online.parameters(), options.LearningRate);
        _discount = options.Discount;
        _single = new float[stateLength];
    }

    public int StateLength { get; }

    public int ActionCount { get; }

    public long Updates { get; private set; }

    /// <summary>One gradient step of Double DQN with Huber loss; returns the loss.</summary>
    public double Update(TransitionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = torch.NewDisposeScope();
        var n = batch.Count;
        // torch.tensor(float[]) wraps the managed array in place; clone() moves it into libtorch's aligned
        // memory, because MKL's results on small matrices depend on alignment and runs must repeat exactly.
        // The batch's whole arrays are wrapped (no managed copy) and the first n rows taken.
        var rows = batch.Capacity;
        var states = torch.tensor(batch.States, [rows, StateLength]).narrow(0, 0, n).clone();
        var actions = torch.tensor(batch.Actions, [rows, 1]).narrow(0, 0, n);
        var target = torch.tensor(batch.Rewards, [rows]).narrow(0, 0, n);
        if (_options.Discount > 0)
        {
            using var noGrad = torch.no_grad();
            var next = torch.tensor(batch.NextStates, [rows, StateLength]).narrow(0, 0, n).clone();
            var mask = torch.tensor(batch.NextMask, [rows, ActionCount]).narrow(0, 0, n);
            // Double DQN: the online network picks the next action, the target network values it.
            var nextAction = (_online.forward(next) + mask).argmax(1, keepdim: true);
            var nextValue = _target.forward(next).gather(1, nextAction).squeeze(1);
            // add(other, alpha) with our own Scalar: the + operator would create a temporary alpha of 1 (see AdamOptimizer).
            target = target.add(nextValue, _discount);
        }

        _online.train();
        var q = _online.forward(states).gather(1, actions).squeeze(1);
        var loss = nn.functional.smooth_l1_loss(q, target.detach());
        _optimizer.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(_online.parameters(), _options.MaxGradNorm);
        _optimizer.Step();
        Updates++;
        if (Updates % _options.TargetUpdateInterval == 0)
        {
            _target.load_state_dict(_online.state_dict());
        }

        return loss.item<float>();
    }

    /// <summary>Q-values of one state.</summary>
    public float[] Values(ReadOnlySpan<float> state)
    {
        state.CopyTo(_single);
        return Values(_single, 1);
    }

    /// <summary>Q-values of <paramref name="count"/> states laid out row after row; result is count x actions.</summary>
    public float[] Values(float[] states, int count)
    {
        ArgumentNullException.ThrowIfNull(states);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _online.eval();
        var input = (count * StateLength == states.Length
            ? torch.tensor(states, [count, StateLength])
            : torch.tensor(states.AsSpan(0, count * StateLength).ToArray(), [count, StateLength])).clone();
        return _online.forward(input).data<float>().ToArray();
    }

    /// <summary>A managed, thread-safe copy of the online network as it is now (<see cref="FrozenPerceptron"/>).</summary>
    public FrozenPerceptron FreezeOnline() => _online.Freeze();

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _online.save(writer);
        _target.save(writer);
        _optimizer.Save(writer);
        writer.Write(Updates);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _online.load(reader);
        _target.load(reader);
        _optimizer.Load(reader);
        Updates = reader.ReadInt64();
    }

    public void Dispose()
    {
        _online.Dispose();
        _target.Dispose();
        _optimizer.Dispose();
        _discount.Dispose();
    }
}
