using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Training;

namespace EdgeControl.Agents.Tests;

public sealed class TrainingScheduleTests
{
    [Fact]
    public void Evaluations_come_every_E_steps_below_1000_then_every_100_then_every_1000_from_10000()
    {
        var options = new TrainingOptions(MaxInteractions: 120_000, EvaluateEvery: 25, Seed: 1);

        var expected = Multiples(25, 1, 999)
            .Concat(Multiples(100, 1_000, 9_999))
            .Concat(Multiples(1_000, 10_000, 99_999))
            .Concat(Multiples(10_000, 100_000, 120_000));
        Assert.Equal(expected, Steps(120_000).Where(options.Schedule.IsDue));
    }

    [Fact]
    public void The_evaluation_interval_never_falls_below_E()
    {
        var options = new TrainingOptions(MaxInteractions: 20_000, EvaluateEvery: 500, Seed: 1);

        var expected = Multiples(500, 1, 9_999).Concat(Multiples(1_000, 10_000, 20_000));
        Assert.Equal(expected, Steps(20_000).Where(options.Schedule.IsDue));
    }

    [Theory]
    [InlineData(25, null)]
    [InlineData(500, null)]
    [InlineData(20, 5_000L)]
    [InlineData(30, 40L)]
    public void The_next_evaluation_after_any_step_is_the_next_step_the_schedule_has_due(long every, long? longest)
    {
        var schedule = new EvaluationSchedule(every, longest);
        var due = Steps(130_000).Where(schedule.IsDue).ToList();

        var next = 0;
        for (var step = 0L; step <= 120_000; step++)
        {
            next = due[next] > step ? next : next + 1;
            Assert.Equal(due[next], schedule.NextAfter(step));
        }
    }

    [Fact]
    public void The_evaluation_interval_grows_no_further_than_the_longest_interval_nor_below_E()
    {
        var schedule = new EvaluationSchedule(Every: 25, LongestInterval: 500);

        var expected = Multiples(25, 1, 999).Concat(Multiples(100, 1_000, 9_999)).Concat(Multiples(500, 10_000, 120_000));
        Assert.Equal(expected, Steps(120_000).Where(schedule.IsDue));
    }

    [Fact]
    public void The_model_is_refit_every_M_steps_below_100_then_every_10_then_every_100_from_1000()
    {
        var options = new HybridOptions { RefitEvery = 4 };

        var expected = Multiples(4, 1, 99)
            .Concat(Multiples(10, 100, 999))
            .Concat(Multiples(100, 1_000, 9_999))
            .Concat(Multiples(1_000, 10_000, 12_000));
        Assert.Equal(expected, Steps(12_000).Where(options.IsRefitStep));
    }

    [Fact]
    public void The_refit_interval_never_falls_below_M()
    {
        var options = new HybridOptions { RefitEvery = 50 };

        var expected = Multiples(50, 1, 999).Concat(Multiples(100, 1_000, 2_000));
        Assert.Equal(expected, Steps(2_000).Where(options.IsRefitStep));
    }

    private static IEnumerable<long> Steps(long last)
    {
        for (var step = 1L; step <= last; step++)
        {
            yield return step;
        }
    }

    /// <summary>The multiples of <paramref name="interval"/> from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    private static IEnumerable<long> Multiples(long interval, long from, long to) =>
        Steps(to).Where(s => s >= from && s % interval == 0);
}
