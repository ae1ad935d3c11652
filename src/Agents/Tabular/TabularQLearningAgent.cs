using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tabular;

/// <summary>
/// The paper's RL orchestration baseline: one-step Q-learning over a discretised state,
/// epsilon-greedy exploration, Q(s,a) += alpha * (r + gamma * max Q(s',.) - Q(s,a)).
/// </summary>
public sealed class TabularQLearningAgent : ILearner
{
    private readonly QLearningOptions _options;
    private readonly StateDiscretizer _states;
    private readonly int _actions;
    private readonly double[] _q;
    private readonly Xoshiro256 _rng;

    public TabularQLearningAgent(Scenario scenario, QLearningOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _states = new StateDiscretizer(scenario, options);
        _actions = new ActionSpace(scenario).Count;
        _q = new double[(long)_states.StateCount * _actions];
        _rng = new Xoshiro256(seed);
    }

    public string Name => "qlearning";

    public long RealSteps { get; private set; }

    public int StateCount => _states.StateCount;

    public int Act(Observation request, bool explore)
    {
        if (explore && _rng.NextDouble() < _options.Epsilon.At(RealSteps))
        {
            return _rng.NextInt(_actions);
        }

        return Greedy(_states.State(request));
    }

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        var row = (long)_states.State(experience.Request) * _actions;
        var target = experience.Reward;
        if (_options.Discount > 0)
        {
            var next = (long)_states.State(experience.Next) * _actions;
            target += _options.Discount * _q[next + Greedy(_states.State(experience.Next))];
        }

        ref var q = ref _q[row + experience.Action];
        q += _options.LearningRate * (target - q);
        RealSteps++;
    }

    private int Greedy(int state)
    {
        var row = (long)state * _actions;
        var best = 0;
        for (var a = 1; a < _actions; a++)
        {
            if (_q[row + a] > _q[row + best])
            {
                best = a;
            }
        }

        return best;
    }
}
