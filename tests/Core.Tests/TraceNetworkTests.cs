using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>A user whose network follows a recorded trace, replayed cyclically in simulated time.</summary>
public class TraceNetworkTests
{
    [Fact]
    public void A_user_with_a_trace_sees_the_traces_condition_at_each_moment()
    {
        var scenario = TestScenarios.Valid(); // sensor: regular for 1 s, then weak for 2 s, repeated

        var sensor = Trajectories.Observations(scenario, seed: 3, steps: 3000, _ => 0).Where(o => o.User == 1).ToList();

        Assert.All(sensor, o => Assert.Equal(o.TimeSeconds % 3.0 < 1.0 ? 0 : 1, o.NetworkCondition));
        Assert.All(sensor, o => Assert.Equal(scenario.Conditions[o.NetworkCondition].UplinkMbps, o.UplinkMbps));
        Assert.Contains(sensor, o => o.NetworkCondition == 0 && o.TimeSeconds > 3);
        Assert.Contains(sensor, o => o.NetworkCondition == 1 && o.TimeSeconds > 3);
    }

    [Fact]
    public void A_trace_of_several_steps_is_replayed_in_order_and_repeats_after_its_period()
    {
        var scenario = TestScenarios.Load(("users[1].network.trace", """
            [ { "condition": "weak", "seconds": 0.5 }, { "condition": "regular", "seconds": 1.5 }, { "condition": "weak", "seconds": 4 } ]
            """));

        static int Expected(double t) => (t % 6.0) switch
        {
            < 0.5 => 1,
            < 2.0 => 0,
            _ => 1,
        };

        var sensor = Trajectories.Observations(scenario, seed: 4, steps: 5000, _ => 0).Where(o => o.User == 1).ToList();

        Assert.True(sensor[^1].TimeSeconds > 3 * 6.0, "the run does not cover several periods");
        Assert.All(sensor, o => Assert.Equal(Expected(o.TimeSeconds), o.NetworkCondition));
        Assert.Contains(sensor, o => o.TimeSeconds % 6.0 is >= 0.5 and < 2.0);
    }

    [Fact]
    public void A_trace_does_not_change_how_other_users_networks_move()
    {
        var scenario = TestScenarios.Valid();

        var camera = Trajectories.Observations(scenario, seed: 3, steps: 3000, _ => 0).Where(o => o.User == 0).ToList();

        Assert.Contains(camera, o => o.NetworkCondition == 0 && o.TimeSeconds % 3.0 >= 1.0);
        Assert.Contains(camera, o => o.NetworkCondition == 1 && o.TimeSeconds % 3.0 < 1.0);
    }
}
