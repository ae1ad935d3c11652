using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Shifts;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The twin switching to a shifted environment mid-trajectory: exactly when, and what it keeps.</summary>
public class ShiftedTwinTests
{
    private const int ShiftAt = 300;
    private static readonly PlacementAction EdgeSmallest = new(1, 15);

    private static Scenario Shipped => ShippedScenario.Scenario;

    [Fact]
    public void A_shift_at_step_N_changes_outcomes_from_decision_N_plus_1_on_and_not_before()
    {
        var steady = Run(Shipped, shifted: null, steps: ShiftAt + 50, _ => EdgeSmallest);
        var shifted = Run(Shipped, Shifted("uplink/10"), steps: ShiftAt + 50, _ => EdgeSmallest);

        Assert.Equal(steady.Take(ShiftAt), shifted.Take(ShiftAt));
        // Every later offloaded request sends its input over a tenth of the bandwidth.
        Assert.All(Enumerable.Range(ShiftAt, 50), i => Assert.True(shifted[i].LatencyMs > steady[i].LatencyMs, $"decision {i + 1} is as fast as before the shift"));
    }

    [Fact]
    public void The_pending_request_is_observed_again_in_the_changed_network()
    {
        var twin = new EdgeCloudTwin(Shipped);
        twin.Reset(5);
        for (var i = 0; i < ShiftAt; i++)
        {
            twin.Step(EdgeSmallest);
        }

        var before = twin.Current;
        twin.ChangeTo(Shifted("uplink/10"));
        var after = twin.Current;

        Assert.Equal(before.UplinkMbps / 10, after.UplinkMbps, 12);
        // Same user, same moment, same loads: only the network changed.
        Assert.Equal(before with { UplinkMbps = after.UplinkMbps, ServerLoads = after.ServerLoads }, after);
        Assert.Equal(before.ServerLoads, after.ServerLoads);
    }

    [Fact]
    public void Requests_in_flight_finish_as_they_were_scheduled_and_users_and_clock_go_on()
    {
        // Many requests on the edge before the shift, only local ones after it: the edge drains the same way in both
        // twins, whatever the shift does to requests sent after it.
        var steadyTwin = new EdgeCloudTwin(Shipped);
        var shiftedTwin = new EdgeCloudTwin(Shipped);
        steadyTwin.Reset(9);
        shiftedTwin.Reset(9);
        for (var i = 0; i < ShiftAt; i++)
        {
            steadyTwin.Step(EdgeSmallest);
            shiftedTwin.Step(EdgeSmallest);
        }

        Assert.True(steadyTwin.InFlightOn(0) > 0, "nothing in flight on the edge at the shift: the test shows nothing");
        shiftedTwin.ChangeTo(Shifted("uplink/10"));
        var local = new PlacementAction(PlacementAction.Local, 15);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(steadyTwin.InFlightOn(0), shiftedTwin.InFlightOn(0));
            Assert.Equal(steadyTwin.InFlightOn(1), shiftedTwin.InFlightOn(1));
            Assert.Equal(steadyTwin.Current.User, shiftedTwin.Current.User);
            Assert.Equal(steadyTwin.Current.TimeSeconds, shiftedTwin.Current.TimeSeconds);
            Assert.Equal(steadyTwin.Current.NetworkCondition, shiftedTwin.Current.NetworkCondition);
            Assert.Equal(steadyTwin.Step(local).Outcome, shiftedTwin.Step(local).Outcome);
        }
    }

    [Fact]
    public void A_busier_server_shows_more_load_after_the_shift()
    {
        static double MeanEdgeLoad(Scenario scenario, Scenario? shifted)
        {
            var twin = new EdgeCloudTwin(scenario);
            twin.Reset(4);
            var local = new PlacementAction(PlacementAction.Local, 15);
            for (var i = 0; i < ShiftAt; i++)
            {
                twin.Step(local);
            }

            if (shifted is not null)
            {
                twin.ChangeTo(shifted);
            }

            return Enumerable.Range(0, 2000).Average(_ => twin.Step(local).Next.ServerLoads[0]);
        }

        var steady = MeanEdgeLoad(Shipped, shifted: null);
        var busier = MeanEdgeLoad(Shipped, Shifted("background:edge-1*3"));

        // Only local requests: the edge's load is its background alone, a Poisson draw of mean 4, then 12.
        Assert.InRange(steady, 3.7, 4.3);
        Assert.InRange(busier, 11.5, 12.5);
    }

    [Fact]
    public void A_request_sent_to_a_removed_server_times_out_without_a_result_and_occupies_nothing()
    {
        var twin = new EdgeCloudTwin(Shipped);
        twin.Reset(3);
        twin.ChangeTo(Shifted("remove:edge-1"));
        for (var i = 0; i < 100; i++)
        {
            var request = twin.Current;
            var outcome = twin.Step(EdgeSmallest).Outcome;

            Assert.Equal(Physics.TimeoutSlos * request.SloMs, outcome.LatencyMs);
            Assert.Equal(0.0, outcome.Accuracy);
            Assert.True(outcome.MissesRequirementsOf(request));
            Assert.Equal(0, twin.InFlightOn(0));
        }
    }

    [Fact]
    public void The_oracle_never_sends_a_request_to_a_removed_server()
    {
        var removed = Shifted("remove:edge-1");
        var requests = Trajectories.Observations(removed, seed: 2, steps: 2000, r => ExpectedRewards.Best(removed, r));

        Assert.All(requests, r => Assert.NotEqual(EdgeSmallest.Target, ActionTarget(removed, ExpectedRewards.Best(removed, r))));
        // Before the removal it does use the edge: the test would show nothing otherwise.
        Assert.Contains(requests, r => ActionTarget(Shipped, ExpectedRewards.Best(Shipped, r)) == EdgeSmallest.Target);
    }

    [Fact]
    public void A_scenario_of_another_shape_is_refused()
    {
        var twin = new EdgeCloudTwin(Shipped);
        twin.Reset(1);

        var fewerServers = Assert.Throws<ArgumentException>(() => twin.ChangeTo(Shipped with { Servers = [Shipped.Servers[0]] }));
        var fewerUsers = Assert.Throws<ArgumentException>(() => twin.ChangeTo(Shipped with { Users = Shipped.Users.Skip(1).ToArray() }));

        Assert.Contains("servers", fewerServers.Message, StringComparison.Ordinal);
        Assert.Contains("users", fewerUsers.Message, StringComparison.Ordinal);
    }

    private static int ActionTarget(Scenario scenario, int action) => action / scenario.Catalog.Count;

    private static Scenario Shifted(string shift) => EnvironmentShift.ApplyAll(EnvironmentShiftParser.Parse(shift), Shipped);

    /// <summary>The outcomes of <paramref name="steps"/> decisions; the twin changes to <paramref name="shifted"/> after <see cref="ShiftAt"/> of them.</summary>
    private static List<Outcome> Run(Scenario scenario, Scenario? shifted, int steps, Func<Observation, PlacementAction> decide)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(5);
        var outcomes = new List<Outcome>(steps);
        for (var step = 1; step <= steps; step++)
        {
            outcomes.Add(twin.Step(decide(request)).Outcome);
            request = twin.Current;
            if (step == ShiftAt && shifted is not null)
            {
                twin.ChangeTo(shifted);
                request = twin.Current;
            }
        }

        return outcomes;
    }
}
