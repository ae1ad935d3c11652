using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

public sealed class UnacknowledgedOutcomesTests
{
    [Fact]
    public void An_acknowledgement_forgets_every_outcome_up_to_its_sequence_and_keeps_the_rest_in_order()
    {
        var outcomes = new UnacknowledgedOutcomes();
        foreach (var sequence in new long[] { 12, 10, 11, 13 })
        {
            outcomes.Add(Outcome(sequence));
        }

        outcomes.AcknowledgeUpTo(11);

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(2, outcomes.Acknowledged);
        Assert.Equal(new long[] { 12, 13 }, outcomes.After(long.MinValue, 10).Select(o => o.Sequence));
        Assert.Equal(new long[] { 13 }, outcomes.After(12, 10).Select(o => o.Sequence));
    }

    private static MeasuredOutcome Outcome(long sequence) =>
        new(sequence, $"r-{sequence}", "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UtcNow);
}
