using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Agents.Dqn;

/// <summary>Reusable flat arrays for one minibatch of (state, action, reward, next state) transitions.</summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "flat buffers copied into tensors")]
public sealed class TransitionBatch(int capacity, int stateLength, int actionCount)
{
    /// <summary>Added to the Q-value of an action not allowed in the next state, so max never picks it.</summary>
    public const float Forbidden = -1e9f;

    public int Capacity { get; } = capacity;

    public int StateLength { get; } = stateLength;

    public int ActionCount { get; } = actionCount;

    public int Count { get; set; }

    public float[] States { get; } = new float[capacity * stateLength];

    public long[] Actions { get; } = new long[capacity];

    public float[] Rewards { get; } = new float[capacity];

    public float[] NextStates { get; } = new float[capacity * stateLength];

    public float[] NextMask { get; } = new float[capacity * actionCount];
}
