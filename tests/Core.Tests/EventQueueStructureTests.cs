using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The two heaps behind the twin's event queue: next arrivals over users, completions per node.</summary>
public class EventQueueStructureTests
{
    [Fact]
    public void Users_are_served_in_order_of_arrival_and_a_tie_goes_to_the_lowest_index()
    {
        var queue = new ArrivalQueue(users: 4);
        queue.Reset([1.0, 0.5, 0.5, 2.0]);
        var served = new List<(int, double)>();

        for (var i = 0; i < 8; i++)
        {
            served.Add((queue.NextUser, queue.NextTime));
            queue.RescheduleNext(i < 4 ? 3.0 : 4.0); // all four tie at 3.0, then again at 4.0
        }

        Assert.Equal([(1, 0.5), (2, 0.5), (0, 1.0), (3, 2.0), (0, 3.0), (1, 3.0), (2, 3.0), (3, 3.0)], served);
    }

    [Fact]
    public void The_arrival_queue_serves_what_a_scan_for_the_earliest_user_would()
    {
        var rng = new Xoshiro256(7);
        var times = Enumerable.Range(0, 300).Select(_ => Math.Round(rng.NextDouble() * 50) / 10).ToArray(); // many ties
        var queue = new ArrivalQueue(times.Length);
        queue.Reset(times);

        for (var i = 0; i < 10_000; i++)
        {
            var earliest = Enumerable.Range(0, times.Length).MinBy(u => (times[u], u));
            Assert.Equal((earliest, times[earliest]), (queue.NextUser, queue.NextTime));
            times[earliest] += Math.Round(rng.NextDouble() * 50) / 10;
            queue.RescheduleNext(times[earliest]);
        }
    }

    [Fact]
    public void Retiring_forgets_exactly_the_requests_completed_by_then()
    {
        var rng = new Xoshiro256(3);
        var node = default(InFlightRequests);
        var model = new List<double>();
        var now = 0.0;
        var most = 0;
        for (var i = 0; i < 20_000; i++)
        {
            now += rng.NextExponential(1.0);
            // Alternately a burst of long requests (the node fills up) and single short ones (it drains).
            var added = i % 1000 < 500 ? 3 : 1;
            for (var k = 0; k < added; k++)
            {
                var completesAt = now + rng.NextExponential(added == 3 ? 0.001 : 5.0);
                node.Add(completesAt);
                model.Add(completesAt);
            }

            node.Retire(now);
            model.RemoveAll(c => c <= now);
            Assert.Equal(model.Count, node.Count);
            most = Math.Max(most, node.Count);
        }

        Assert.True(most > 1000, $"at most {most} in flight");
    }

    [Fact]
    public void A_request_completing_exactly_now_has_left_the_node()
    {
        var node = default(InFlightRequests);
        node.Add(2.0);
        node.Add(1.0);
        node.Add(3.0);

        node.Retire(2.0);

        Assert.Equal(1, node.Count);
    }
}
