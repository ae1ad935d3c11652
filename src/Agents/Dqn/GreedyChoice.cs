namespace EdgeControl.Agents.Dqn;

/// <summary>Argmax over the allowed actions of one row of Q-values.</summary>
public static class GreedyChoice
{
    public static int Best<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> allowed)
        where T : System.Numerics.INumber<T>
    {
        var best = -1;
        for (var a = 0; a < values.Length; a++)
        {
            if ((allowed.IsEmpty || allowed[a]) && (best < 0 || values[a] > values[best]))
            {
                best = a;
            }
        }

        return best;
    }

    public static int RandomAllowed(EdgeControl.Core.Simulation.Xoshiro256 rng, ReadOnlySpan<bool> allowed, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (allowed.IsEmpty)
        {
            return rng.NextInt(actionCount);
        }

        var count = 0;
        foreach (var ok in allowed)
        {
            count += ok ? 1 : 0;
        }

        var pick = rng.NextInt(count);
        for (var a = 0; a < allowed.Length; a++)
        {
            if (allowed[a] && pick-- == 0)
            {
                return a;
            }
        }

        throw new InvalidOperationException("no action is allowed");
    }

    /// <summary>Actions an empty-means-all mask allows out of <paramref name="actionCount"/>.</summary>
    public static int CountAllowed(ReadOnlySpan<bool> allowed, int actionCount)
    {
        if (allowed.IsEmpty)
        {
            return actionCount;
        }

        var count = 0;
        foreach (var ok in allowed)
        {
            count += ok ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The probability that epsilon-greedy over <paramref name="allowedCount"/> actions takes a given one: the greedy
    /// action 1 - epsilon + epsilon / n (a random draw may land on it too), any other epsilon / n.
    /// </summary>
    public static double EpsilonGreedyProbability(bool isGreedy, double epsilon, int allowedCount) =>
        (isGreedy ? 1 - epsilon : 0) + epsilon / allowedCount;

    /// <summary>
    /// Epsilon-greedy among the allowed actions, given the greedy one: what the learners serve (<see cref="Learning.ILearner.Serve"/>).
    /// Draws from <paramref name="rng"/> only when <paramref name="epsilon"/> is positive.
    /// </summary>
    public static Learning.ServedAction Serve(EdgeControl.Core.Simulation.Xoshiro256 rng, int greedy, double epsilon, ReadOnlySpan<bool> allowed, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (greedy < 0)
        {
            throw new InvalidOperationException("No action is allowed for this request.");
        }

        var action = epsilon > 0 && rng.NextDouble() < epsilon ? RandomAllowed(rng, allowed, actionCount) : greedy;
        return new Learning.ServedAction(action, greedy, EpsilonGreedyProbability(action == greedy, epsilon, CountAllowed(allowed, actionCount)));
    }
}
