using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>A ring buffer of transitions in flat .NET arrays, ready to copy into tensors.</summary>
public sealed class ReplayBuffer
{
    private readonly float[] _states;
    private readonly float[] _nextStates;
    private readonly long[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _nextAllowed;
    private readonly Observation[] _requests;
    private int _next;

    public ReplayBuffer(int capacity, int stateLength, int actionCount)
    {
        Capacity = capacity;
        StateLength = stateLength;
        ActionCount = actionCount;
        _states = new float[capacity * stateLength];
        _nextStates = new float[capacity * stateLength];
        _actions = new long[capacity];
        _rewards = new float[capacity];
        _nextAllowed = new bool[capacity * actionCount];
        _requests = new Observation[capacity];
    }

    public int Capacity { get; }

    public int StateLength { get; }

    public int ActionCount { get; }

    public int Count { get; private set; }

    /// <summary>Stores a transition; <paramref name="nextAllowed"/> are the actions allowed in the next state.</summary>
    public void Add(Observation request, ReadOnlySpan<float> state, int action, double reward, ReadOnlySpan<float> nextState, ReadOnlySpan<bool> nextAllowed)
    {
        state.CopyTo(_states.AsSpan(_next * StateLength, StateLength));
        nextState.CopyTo(_nextStates.AsSpan(_next * StateLength, StateLength));
        nextAllowed.CopyTo(_nextAllowed.AsSpan(_next * ActionCount, ActionCount));
        _actions[_next] = action;
        _rewards[_next] = (float)reward;
        _requests[_next] = request;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    public Observation Request(int index) => _requests[index];

    public ReadOnlySpan<float> State(int index) => _states.AsSpan(index * StateLength, StateLength);

    /// <summary>Copies the next state of transition <paramref name="index"/> and its allowed-action mask.</summary>
    public void NextStateInto(int index, Span<float> state, Span<float> mask)
    {
        _nextStates.AsSpan(index * StateLength, StateLength).CopyTo(state);
        for (var a = 0; a < ActionCount; a++)
        {
            mask[a] = _nextAllowed[index * ActionCount + a] ? 0f : TransitionBatch.Forbidden;
        }
    }

    /// <summary>Copies the transitions at <paramref name="indices"/> into <paramref name="batch"/>.</summary>
    public void Fill(ReadOnlySpan<int> indices, TransitionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < indices.Length; i++)
        {
            var k = indices[i];
            State(k).CopyTo(batch.States.AsSpan(i * StateLength, StateLength));
            _nextStates.AsSpan(k * StateLength, StateLength).CopyTo(batch.NextStates.AsSpan(i * StateLength, StateLength));
            batch.Actions[i] = _actions[k];
            batch.Rewards[i] = _rewards[k];
            for (var a = 0; a < ActionCount; a++)
            {
                batch.NextMask[i * ActionCount + a] = _nextAllowed[k * ActionCount + a] ? 0f : TransitionBatch.Forbidden;
            }
        }

        batch.Count = indices.Length;
    }
}
