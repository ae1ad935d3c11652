namespace EdgeControl.Core.Domain;

/// <summary>How a user's network condition changes over time.</summary>
public abstract record NetworkDynamics;

/// <summary>
/// A Markov chain over network conditions that moves one step per request of the user;
/// <paramref name="Transitions"/>[from][to] are probabilities, each row sums to 1.
/// </summary>
public sealed record MarkovNetwork(int InitialCondition, double[][] Transitions) : NetworkDynamics;

/// <summary>A recorded trace: condition indices held for the given seconds each, replayed cyclically.</summary>
public sealed record TraceNetwork(int[] Conditions, double[] Seconds) : NetworkDynamics
{
    public double PeriodSeconds { get; } = Seconds.Sum();
}
