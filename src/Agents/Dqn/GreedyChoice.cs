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
}
