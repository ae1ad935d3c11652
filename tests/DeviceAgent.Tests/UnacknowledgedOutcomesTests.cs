using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

public sealed class UnacknowledgedOutcomesTests
{
    [Fact]
    public void Outcomes_are_numbered_in_the_order_they_are_kept_and_an_acknowledgement_forgets_every_one_up_to_its_sequence()
    {
        var outcomes = new UnacknowledgedOutcomes(lastSequence: 9);
        var kept = Enumerable.Range(0, 4).Select(_ => outcomes.Add(Outcome())).ToList();
        Assert.Equal(new long[] { 10, 11, 12, 13 }, kept.Select(o => o.Sequence));

        outcomes.AcknowledgeUpTo(11);

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(2, outcomes.Acknowledged);
        Assert.Equal(new long[] { 12, 13 }, outcomes.After(long.MinValue, 10).Select(o => o.Sequence));
        Assert.Equal(new long[] { 13 }, outcomes.After(12, 10).Select(o => o.Sequence));
    }

    [Fact]
    public void Outcomes_kept_from_many_threads_at_once_are_numbered_without_gaps_in_the_order_a_sender_sees()
    {
        var outcomes = new UnacknowledgedOutcomes(lastSequence: 0);
        Parallel.For(0, 10_000, _ => outcomes.Add(Outcome()));

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), outcomes.After(long.MinValue, 20_000).Select(o => o.Sequence));
    }

    private static MeasuredOutcome Outcome() =>
        new(0, "r-1", "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UtcNow);
}
