using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The twin's physics: compute, transfer, processor sharing and device energy.</summary>
public class PhysicsTests
{
    private const int Largest = 0; // mobilenet_v1_1.0_224: 569 MMACs, 150528 input bytes
    private const int Edge = 1;
    private const int Cloud = 2;

    private static readonly Scenario Scenario = TestScenarios.Valid();
    private static readonly double[] Bandwidths = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 50, 100, 1000];

    [Fact]
    public void Local_latency_is_macs_over_device_throughput_and_energy_is_active_power_times_it()
    {
        var request = Requests.Idle(Scenario); // rpi4: 7.1 GMAC/s, 6.4 W active

        var outcome = Physics.Expected(Scenario, request, new PlacementAction(PlacementAction.Local, Largest));

        Assert.Equal(569 / 7.1, outcome.LatencyMs, 9);
        Assert.Equal(6.4 * (569 / 7.1) / 1000, outcome.EnergyJ, 12);
        Assert.Equal(0.709, outcome.Accuracy);
    }

    [Fact]
    public void Edge_latency_is_transfer_plus_round_trip_plus_compute_and_energy_is_radio_then_idle()
    {
        var request = Requests.Idle(Scenario); // 20 Mbps, 5 ms RTT to the edge, wifi radio, rpi4 idle 2.7 W
        var transferMs = 150_528 * 8 / (20 * 1000.0);
        var computeMs = 569 / 25.0;
        var radioW = (283.17 * 20 + 132.86) / 1000;

        var outcome = Physics.Expected(Scenario, request, new PlacementAction(Edge, Largest));

        Assert.Equal(60.2112, transferMs, 9);
        Assert.Equal(transferMs + 5 + computeMs, outcome.LatencyMs, 9);
        Assert.Equal((radioW * transferMs + 2.7 * (5 + computeMs)) / 1000, outcome.EnergyJ, 12);
        Assert.Equal(0.709, outcome.Accuracy);
    }

    [Fact]
    public void Cloud_latency_uses_the_cloud_round_trip_and_the_cloud_throughput()
    {
        var request = Requests.Idle(Scenario);

        var outcome = Physics.Expected(Scenario, request, new PlacementAction(Cloud, Largest));

        Assert.Equal(60.2112 + 40 + 569 / 380.0, outcome.LatencyMs, 9);
    }

    [Fact]
    public void A_servers_service_overhead_adds_to_every_offloaded_request_as_waiting_and_is_not_stretched_by_sharing()
    {
        var edge = Scenario.Servers[Edge - 1];
        var measured = Scenario with { Servers = [edge with { Profile = edge.Profile with { ServiceOverheadMs = 7.5 } }, .. Scenario.Servers.Skip(1)] };
        var request = Requests.Idle(Scenario) with { ServerLoads = [3, 0] }; // 3 in flight on the 2-slot edge: compute x2
        var action = new PlacementAction(Edge, Largest);
        const double idleW = 2.7; // rpi4, waiting for the answer

        var without = Physics.Expected(Scenario, request, action);
        var with = Physics.Expected(measured, request, action);

        Assert.Equal(60.2112 + 5 + (569 / 25.0 * 2) + 7.5, with.LatencyMs, 9);
        Assert.Equal(without.LatencyMs + 7.5, with.LatencyMs, 9);
        Assert.Equal(without.EnergyJ + (idleW * 7.5 / 1000), with.EnergyJ, 12);
        foreach (var other in new[] { new PlacementAction(Cloud, Largest), new PlacementAction(PlacementAction.Local, Largest) })
        {
            Assert.Equal(Physics.Expected(Scenario, request, other), Physics.Expected(measured, request, other)); // the edge's overhead only
        }
    }

    [Fact]
    public void Without_a_service_overhead_every_outcome_is_exactly_as_before()
    {
        var zero = Scenario with { Servers = [.. Scenario.Servers.Select(s => s with { Profile = s.Profile with { ServiceOverheadMs = 0 } })] };

        foreach (var mbps in Bandwidths)
        {
            var request = Requests.Idle(Scenario) with { UplinkMbps = mbps, ServerLoads = [1, 4] };
            for (var target = 0; target <= Scenario.Servers.Count; target++)
            {
                var action = new PlacementAction(target, Largest);
                Assert.Equal(Physics.Expected(Scenario, request, action), Physics.Expected(zero, request, action));
            }
        }
    }

    [Fact]
    public void More_bandwidth_never_makes_offloading_slower()
    {
        foreach (var user in Enumerable.Range(0, Scenario.Users.Count))
        {
            foreach (var action in Requests.AllActions(Scenario).Where(a => !a.IsLocal))
            {
                var previous = double.PositiveInfinity;
                foreach (var mbps in Bandwidths)
                {
                    var latency = Physics.Expected(Scenario, Requests.Idle(Scenario, user) with { UplinkMbps = mbps }, action).LatencyMs;
                    Assert.True(latency <= previous, $"user {user}, {action}: {latency} ms at {mbps} Mbps, {previous} ms at less");
                    previous = latency;
                }
            }
        }
    }

    [Fact]
    public void More_bandwidth_never_costs_the_device_more_energy_to_offload()
    {
        foreach (var user in Enumerable.Range(0, Scenario.Users.Count))
        {
            foreach (var action in Requests.AllActions(Scenario).Where(a => !a.IsLocal))
            {
                var previous = double.PositiveInfinity;
                foreach (var mbps in Bandwidths)
                {
                    var energy = Physics.Expected(Scenario, Requests.Idle(Scenario, user) with { UplinkMbps = mbps }, action).EnergyJ;
                    Assert.True(energy <= previous + 1e-12, $"user {user}, {action}: {energy} J at {mbps} Mbps, {previous} J at less");
                    previous = energy;
                }
            }
        }
    }

    [Fact]
    public void Bandwidth_does_not_change_local_execution()
    {
        foreach (var action in Requests.AllActions(Scenario).Where(a => a.IsLocal))
        {
            var outcomes = Bandwidths.Select(mbps => Physics.Expected(Scenario, Requests.Idle(Scenario) with { UplinkMbps = mbps }, action));
            Assert.Single(outcomes.Distinct());
        }
    }

    [Fact]
    public void More_requests_in_flight_on_a_server_make_it_slower()
    {
        foreach (var server in Enumerable.Range(0, Scenario.Servers.Count))
        {
            var slots = Scenario.Servers[server].Profile.Slots;
            foreach (var variant in Enumerable.Range(0, Scenario.Catalog.Count))
            {
                var action = new PlacementAction(server + 1, variant);
                double Latency(int inFlight) => Physics.Expected(Scenario, Requests.Idle(Scenario).WithServerLoad(server, inFlight), action).LatencyMs;

                for (var n = 1; n <= 4 * slots; n++)
                {
                    if (n >= slots)
                    {
                        Assert.True(Latency(n) > Latency(n - 1), $"server {server}, variant {variant}: {n} in flight is not slower than {n - 1}");
                    }
                    else
                    {
                        Assert.Equal(Latency(0), Latency(n));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_request_on_one_server_does_not_feel_the_load_of_another()
    {
        var onEdge = new PlacementAction(Edge, Largest);

        var idle = Physics.Expected(Scenario, Requests.Idle(Scenario), onEdge);
        var cloudBusy = Physics.Expected(Scenario, Requests.Idle(Scenario).WithServerLoad(Cloud - 1, 50), onEdge);

        Assert.Equal(idle, cloudBusy);
    }

    [Fact]
    public void More_requests_in_flight_on_the_device_make_local_execution_slower_and_costlier()
    {
        foreach (var user in Enumerable.Range(0, Scenario.Users.Count))
        {
            var slots = Scenario.Users[user].Device.Slots;
            foreach (var variant in Enumerable.Range(0, Scenario.Catalog.Count))
            {
                var action = new PlacementAction(PlacementAction.Local, variant);
                Outcome At(int inFlight) => Physics.Expected(Scenario, Requests.Idle(Scenario, user) with { LocalLoad = inFlight }, action);

                for (var n = 1; n <= 4 * slots; n++)
                {
                    if (n >= slots)
                    {
                        Assert.True(At(n).LatencyMs > At(n - 1).LatencyMs, $"user {user}, variant {variant}: {n} in flight is not slower");
                        Assert.True(At(n).EnergyJ > At(n - 1).EnergyJ, $"user {user}, variant {variant}: {n} in flight costs no more energy");
                    }
                    else
                    {
                        Assert.Equal(At(0), At(n));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 1, 1.0)]
    [InlineData(1, 1, 2.0)]
    [InlineData(1, 2, 1.0)]
    [InlineData(2, 2, 1.5)]
    [InlineData(7, 8, 1.0)]
    [InlineData(15, 8, 2.0)]
    public void Processor_sharing_stretches_compute_by_requests_per_slot_beyond_the_slot_count(int inFlight, int slots, double slowdown)
    {
        Assert.Equal(slowdown, Physics.Slowdown(inFlight, slots));
    }

    [Fact]
    public void A_variant_with_more_macs_computes_longer_on_every_node()
    {
        foreach (var node in Catalog.PublishedFigures.NodeProfiles)
        {
            foreach (var small in Scenario.Catalog)
            {
                foreach (var large in Scenario.Catalog.Where(v => v.MegaMacs > small.MegaMacs))
                {
                    Assert.True(Physics.ComputeMs(large, node) > Physics.ComputeMs(small, node), $"{large.Name} vs {small.Name} on {node.Name}");
                }
            }
        }
    }

    [Fact]
    public void A_node_that_measured_a_variant_computes_it_in_its_measured_time_and_the_rest_from_its_throughput()
    {
        var published = Scenario.Servers[Edge - 1].Profile; // edge-cpu: 25 GMAC/s
        var measured = published with { MeasuredMs = new Dictionary<string, double> { [Scenario.Catalog[Largest].Name] = 31.5 } };
        var other = Scenario.Catalog.First(v => v.Name != Scenario.Catalog[Largest].Name);

        Assert.Equal(31.5, Physics.ComputeMs(Scenario.Catalog[Largest], measured));
        Assert.Equal(other.MegaMacs / 25.0, Physics.ComputeMs(other, measured), 9);
        Assert.Equal(569 / 25.0, Physics.ComputeMs(Scenario.Catalog[Largest], published), 9);
    }

    [Fact]
    public void A_variant_with_more_macs_is_slower_on_the_device()
    {
        foreach (var user in Enumerable.Range(0, Scenario.Users.Count))
        {
            foreach (var small in Enumerable.Range(0, Scenario.Catalog.Count))
            {
                foreach (var large in Enumerable.Range(0, Scenario.Catalog.Count).Where(v => Scenario.Catalog[v].MegaMacs > Scenario.Catalog[small].MegaMacs))
                {
                    var request = Requests.Idle(Scenario, user);
                    Assert.True(
                        Physics.Expected(Scenario, request, new PlacementAction(PlacementAction.Local, large)).LatencyMs >
                        Physics.Expected(Scenario, request, new PlacementAction(PlacementAction.Local, small)).LatencyMs);
                }
            }
        }
    }

    [Fact]
    public void Offloaded_a_larger_variant_of_the_same_width_or_resolution_is_slower_on_the_same_server()
    {
        var catalog = Scenario.Catalog;
        var pairs =
            from small in Enumerable.Range(0, catalog.Count)
            from large in Enumerable.Range(0, catalog.Count)
            where catalog[large].MegaMacs > catalog[small].MegaMacs
            where catalog[large].WidthMultiplier == catalog[small].WidthMultiplier || catalog[large].Resolution == catalog[small].Resolution
            select (small, large);
        var checkedPairs = 0;
        foreach (var (small, large) in pairs)
        {
            foreach (var target in Enumerable.Range(1, Scenario.Servers.Count))
            {
                foreach (var mbps in Bandwidths)
                {
                    var request = Requests.Idle(Scenario) with { UplinkMbps = mbps };
                    Assert.True(
                        Physics.Expected(Scenario, request, new PlacementAction(target, large)).LatencyMs >
                        Physics.Expected(Scenario, request, new PlacementAction(target, small)).LatencyMs,
                        $"{catalog[large].Name} vs {catalog[small].Name} on target {target} at {mbps} Mbps");
                }
            }

            checkedPairs++;
        }

        Assert.Equal(2 * 4 * 6, checkedPairs); // 4 widths x C(4,2) resolutions + 4 resolutions x C(4,2) widths
    }

    [Fact]
    public void Measurement_noise_multiplies_compute_and_transfer_time()
    {
        var request = Requests.Idle(Scenario);
        var local = new PlacementAction(PlacementAction.Local, Largest);
        var edge = new PlacementAction(Edge, Largest);

        Assert.Equal(2 * Physics.Expected(Scenario, request, local).LatencyMs, Physics.Execute(Scenario, request, local, 2.0, 1.0).LatencyMs, 9);
        Assert.Equal(60.2112 * 1.5 + 5 + 569 / 25.0 * 0.5, Physics.Execute(Scenario, request, edge, 0.5, 1.5).LatencyMs, 9);
    }
}
