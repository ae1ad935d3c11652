using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tabular;

/// <summary>
/// The paper's RL orchestration baseline: one-step Q-learning over a discretised state,
/// epsilon-greedy exploration, Q(s,a) += alpha * (r + gamma * max Q(s',.) - Q(s,a)).
/// </summary>
public sealed class TabularQLearningAgent : ILearner, ICheckpointable
{
    private readonly QLearningOptions _options;
    private readonly StateDiscretizer _states;
    private readonly int _actions;
    private readonly double[] _q;
    private readonly Xoshiro256 _rng;
    private readonly ActionMask _mask;

    public TabularQLearningAgent(Scenario scenario, QLearningOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (TooLargeFor(scenario, options) is { } reason)
        {
            throw new ArgumentException(reason, nameof(options));
        }

        _states = new StateDiscretizer(scenario, options);
        _actions = new ActionSpace(scenario).Count;
        _q = new double[(long)_states.StateCount * _actions];
        _rng = new Xoshiro256(seed);
        _mask = new ActionMask(scenario, options.UseActionMask);
    }

    /// <summary>Q-values a table may hold: 800 MB of doubles. Beyond it the learner is refused rather than paging the machine.</summary>
    public const double MaxTableCells = 100_000_000;

    /// <summary>Why a table for <paramref name="scenario"/> cannot be built with <paramref name="options"/>, or null when it can.</summary>
    public static string? TooLargeFor(Scenario scenario, QLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var states = StateDiscretizer.Count(scenario, options);
        var actions = new ActionSpace(scenario).Count;
        return states * actions <= MaxTableCells ? null : string.Create(CultureInfo.InvariantCulture,
            $"a Q-table on '{scenario.Name}' would need {states:0.#e0} states x {actions} actions (its {scenario.Servers.Count} servers' load levels multiply), more than {MaxTableCells:0e0} values");
    }

    public string Name => "qlearning";

    public long RealSteps { get; private set; }

    public int StateCount => _states.StateCount;

    public int Act(Observation request, bool explore)
    {
        var allowed = _mask.Restrict(request);
        if (explore && _rng.NextDouble() < _options.Epsilon.At(RealSteps))
        {
            return Dqn.GreedyChoice.RandomAllowed(_rng, allowed, _actions);
        }

        return Greedy(_states.State(request), allowed);
    }

    public ServedAction Serve(Observation request, bool explore, ReadOnlySpan<bool> allowed)
    {
        var both = ActionMask.Intersect(_mask.Restrict(request), allowed);
        return Dqn.GreedyChoice.Serve(_rng, Greedy(_states.State(request), both), explore ? _options.Epsilon.At(RealSteps) : 0, both, _actions);
    }

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        var row = (long)_states.State(experience.Request) * _actions;
        var target = experience.Reward;
        if (_options.Discount > 0)
        {
            var next = (long)_states.State(experience.Next) * _actions;
            target += _options.Discount * _q[next + Greedy(_states.State(experience.Next), _mask.Restrict(experience.Next))];
        }

        ref var q = ref _q[row + experience.Action];
        q += _options.LearningRate * (target - q);
        RealSteps++;
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(RealSteps);
        writer.WriteGenerator(_rng);
        writer.Write(_q.Length);
        foreach (var q in _q)
        {
            writer.Write(q);
        }
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RealSteps = reader.ReadInt64();
        reader.ReadGenerator(_rng);
        var length = reader.ReadInt32();
        if (length != _q.Length)
        {
            throw new InvalidDataException($"checkpoint has {length} Q-values, this table has {_q.Length}: different scenario or discretisation");
        }

        for (var i = 0; i < length; i++)
        {
            _q[i] = reader.ReadDouble();
        }
    }

    private int Greedy(int state, ReadOnlySpan<bool> allowed) =>
        Dqn.GreedyChoice.Best(_q.AsSpan((int)((long)state * _actions), _actions), allowed);
}
