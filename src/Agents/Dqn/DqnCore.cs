using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// The parts of a DQN that the DQN baseline and the hybrid agent share: features, action mask, replay
/// buffer, Q-function, epsilon-greedy policy, the generator they draw from, and the real-step count.
/// What differs between the two agents is only how much they learn per batch and from which rows.
/// </summary>
public sealed class DqnCore : IDisposable
{
    private readonly int[] _indices;
    private readonly float[] _state;
    private readonly float[] _nextState;
    private readonly QPolicy _policy;
    private readonly Scenario _scenario;

    public DqnCore(Scenario scenario, DqnOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _scenario = scenario;
        Features = new ObservationFeatures(scenario);
        Actions = new ActionSpace(scenario);
        Mask = new ActionMask(scenario, options.UseActionMask);
        Q = new QFunction(Features.Length, Actions.Count, options, seed);
        Buffer = new ReplayBuffer(options.BufferCapacity, Features.Length, Actions.Count);
        Batch = new TransitionBatch(options.BatchSize, Features.Length, Actions.Count);
        _indices = new int[options.BatchSize];
        _state = new float[Features.Length];
        _nextState = new float[Features.Length];
        Rng = new Xoshiro256(seed);
        _policy = new QPolicy(Q, Features, Mask, Rng);
    }

    public ObservationFeatures Features { get; }

    public ActionSpace Actions { get; }

    public ActionMask Mask { get; }

    public QFunction Q { get; }

    public ReplayBuffer Buffer { get; }

    /// <summary>The minibatch the agents fill and hand to <see cref="QFunction.Update"/>.</summary>
    public TransitionBatch Batch { get; }

    public Xoshiro256 Rng { get; }

    public long RealSteps { get; private set; }

    public int Act(Observation request, double epsilon) => _policy.Act(request, epsilon);

    public ServedAction Serve(Observation request, double epsilon, ReadOnlySpan<bool> allowed) => _policy.Serve(request, epsilon, allowed);

    public int[] ActGreedy(IReadOnlyList<Observation> requests) => _policy.Greedy(requests);

    /// <summary>The policy with the online network's current weights, serving with <paramref name="exploringEpsilon"/> when asked to explore.</summary>
    /// <remarks>
    /// The copy gets a mask of its own: <see cref="ActionMask"/> fills a cache as it is asked, and the learner's goes on
    /// being asked on the learning thread while the copy serves on others.
    /// </remarks>
    public FrozenQPolicy Freeze(double exploringEpsilon) => new(Features, new ActionMask(_scenario, Mask.Enabled), Q.FreezeOnline(), exploringEpsilon);

    /// <summary>Stores one real transition in the replay buffer and counts it.</summary>
    public void Remember(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        Features.Write(experience.Request, _state);
        Features.Write(experience.Next, _nextState);
        Buffer.Add(experience.Request, _state, experience.Action, experience.Reward, _nextState, Mask.Allowed(experience.Next));
        RealSteps++;
    }

    /// <summary>Replaces the minibatch with <paramref name="count"/> real transitions drawn uniformly from the buffer.</summary>
    public void FillReal(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _indices[i] = Rng.NextInt(Buffer.Count);
        }

        Buffer.Fill(_indices.AsSpan(0, count), Batch);
    }

    /// <summary>Saves the step count, the generator and the Q-function; the replay buffer starts empty after a load.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(RealSteps);
        writer.WriteGenerator(Rng);
        Q.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RealSteps = reader.ReadInt64();
        reader.ReadGenerator(Rng);
        Q.Load(reader);
    }

    public void Dispose() => Q.Dispose();
}
