namespace EdgeControl.Agents.Training;

/// <summary>
/// When the greedy policy is evaluated: every <see cref="Every"/> real interactions at the start; later the interval
/// grows with the step count (one tenth of its order of magnitude, never below <see cref="Every"/>), so a run of
/// millions of steps and one of hundreds are both measured to within 10% without spending the run evaluating (an
/// evaluation costs about as much as a hundred real steps of DQN). The growth stops at <see cref="LongestInterval"/>
/// (null: it never stops), so a run that lives for days, such as the control plane's, still evaluates, publishes its
/// policy and draws its curve at a steady pace.
/// </summary>
public sealed record EvaluationSchedule(long Every, long? LongestInterval = null)
{
    /// <summary>
    /// The control plane's <see cref="LongestInterval"/> unless configured: at a fleet's 3,000 outcomes a second an
    /// evaluation every 3 s, a small share of the learning thread, with a fresh policy published each time.
    /// </summary>
    public const long DefaultLongestInterval = 10_000;

    /// <summary>The first step from which the interval may grow.</summary>
    private const long GrowthStart = 1_000;

    public long Every { get; } = Every > 0 ? Every : throw new ArgumentOutOfRangeException(nameof(Every), Every, "evaluate every at least 1 real interaction");

    public bool IsDue(long step) => step > 0 && step % IntervalAt(step) == 0;

    /// <summary>The first step after <paramref name="step"/> at which an evaluation is due.</summary>
    public long NextAfter(long step)
    {
        var from = Math.Max(step, 0) + 1;
        while (true)
        {
            // The interval is constant between two powers of ten from 1,000 on: the next multiple of it is the answer
            // unless it lies beyond the next power, where the interval may change.
            var interval = IntervalAt(from);
            var next = (from + interval - 1) / interval * interval;
            var growsAt = NextGrowth(from);
            if (next < growsAt)
            {
                return next;
            }

            from = growsAt;
        }
    }

    private long IntervalAt(long step)
    {
        var interval = Every;
        for (var magnitude = GrowthStart / 10; magnitude * 10 <= step; magnitude *= 10)
        {
            interval = Math.Max(interval, magnitude);
        }

        return LongestInterval is { } longest ? Math.Max(Every, Math.Min(interval, longest)) : interval;
    }

    private static long NextGrowth(long step)
    {
        var power = GrowthStart;
        while (power <= step && power <= long.MaxValue / 10)
        {
            power *= 10;
        }

        return power > step ? power : long.MaxValue;
    }
}
