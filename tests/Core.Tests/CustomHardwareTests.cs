using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>Node profiles and radios defined in the scenario file, used by name beside the catalog's.</summary>
public class CustomHardwareTests
{
    private const int Largest = 0; // mobilenet_v1_1.0_224: 569 MMACs, 150528 input bytes

    [Fact]
    public void A_custom_node_profile_and_radio_reach_the_servers_and_users_that_name_them()
    {
        var scenario = ScenarioLoader.Parse(CustomHardware.With(
            ("servers[0].profile", "\"nuc-edge\""), ("users[0].device", "\"jetson-nano\""), ("users[0].radio", "\"5g-sub6\"")));

        Assert.Equal(new NodeProfile("nuc-edge", Tier.Edge, 40, 3, 45, 8, ""), scenario.Servers[0].Profile);
        Assert.Equal(new NodeProfile("jetson-nano", Tier.Device, 20, 1, 10, 1.5, "NVIDIA Jetson Nano, TensorRT FP16"), scenario.Users[0].Device);
        Assert.Equal(new RadioProfile("5g-sub6", 100, 900), scenario.Users[0].Radio);
        Assert.Equal(["jetson-nano", "rpi3"], scenario.DeviceClasses.Select(d => d.Name));
    }

    [Fact]
    public void Catalog_names_still_mean_the_catalogs_hardware_beside_custom_ones()
    {
        var scenario = ScenarioLoader.Parse(CustomHardware.With(("users[0].device", "\"jetson-nano\"")));

        Assert.Same(PublishedFigures.NodeProfiles.Single(p => p.Name == "edge-cpu"), scenario.Servers[0].Profile);
        Assert.Same(PublishedFigures.NodeProfiles.Single(p => p.Name == "cloud-gpu"), scenario.Servers[1].Profile);
        Assert.Same(PublishedFigures.NodeProfiles.Single(p => p.Name == "rpi3"), scenario.Users[1].Device);
        Assert.Same(PublishedFigures.Radios.Single(r => r.Name == "lte"), scenario.Users[1].Radio);
    }

    [Fact]
    public void Twice_the_gigamacs_per_second_halves_the_twins_local_latency_on_an_idle_device()
    {
        var slow = ScenarioLoader.Parse(CustomHardware.OneUserOnDeviceOf(10));
        var fast = ScenarioLoader.Parse(CustomHardware.OneUserOnDeviceOf(20));
        var local = new PlacementAction(PlacementAction.Local, Largest);

        var onSlow = MeasuredOnFirstRequest(slow, local);
        var onFast = MeasuredOnFirstRequest(fast, local);

        Assert.Equal(569 / 10.0, onSlow.LatencyMs, 9);
        Assert.Equal(onSlow.LatencyMs / 2, onFast.LatencyMs, 9);
        Assert.Equal(Physics.ComputeMs(slow.Catalog[Largest], slow.Users[0].Device) / 2, Physics.ComputeMs(fast.Catalog[Largest], fast.Users[0].Device), 9);
        Assert.Equal(10 * (569 / 10.0) / 1000, onSlow.EnergyJ, 12); // 10 W active x the compute time
    }

    [Fact]
    public void A_custom_servers_throughput_and_slots_set_the_compute_time_of_what_is_offloaded_to_it()
    {
        var scenario = ScenarioLoader.Parse(CustomHardware.With(("servers[0].profile", "\"nuc-edge\"")));
        var request = Requests.Idle(scenario); // 20 Mbps, 5 ms RTT to the edge
        var onEdge = new PlacementAction(1, Largest);
        var transferMs = 150_528 * 8 / (20 * 1000.0);

        var idle = Physics.Expected(scenario, request, onEdge).LatencyMs;
        var threeBusy = Physics.Expected(scenario, request.WithServerLoad(0, 2), onEdge).LatencyMs; // 3 slots: still full speed
        var sixInFlight = Physics.Expected(scenario, request.WithServerLoad(0, 5), onEdge).LatencyMs; // 6 share 3 slots

        Assert.Equal(transferMs + 5 + 569 / 40.0, idle, 9);
        Assert.Equal(idle, threeBusy, 9);
        Assert.Equal(transferMs + 5 + 2 * 569 / 40.0, sixInFlight, 9);
    }

    [Fact]
    public void A_custom_radios_alpha_and_beta_set_the_energy_of_sending()
    {
        var scenario = ScenarioLoader.Parse(CustomHardware.With(("users[0].radio", "\"ble\"")));
        var request = Requests.Idle(scenario) with { RttEdgeMs = 0 }; // rpi4 idles at 2.7 W while it waits
        var onEdge = new PlacementAction(1, Largest);
        var transferMs = 150_528 * 8 / (20 * 1000.0);
        var radioW = (50 * 20 + 10) / 1000.0;

        var energy = Physics.Expected(scenario, request, onEdge).EnergyJ;

        Assert.Equal((radioW * transferMs + 2.7 * (569 / 25.0)) / 1000, energy, 12);
    }

    [Fact]
    public void The_custom_hardware_example_in_the_documentation_is_a_valid_scenario()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "scenarios.md"));
        var section = markdown[markdown.IndexOf("## Your own hardware", StringComparison.Ordinal)..];
        var start = section.IndexOf("```jsonc\n", StringComparison.Ordinal) + "```jsonc\n".Length;
        var json = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];

        var scenario = ScenarioLoader.Parse(json);

        Assert.Equal(("shop-edge", 40.1, 3), (scenario.Servers[0].Profile.Name, scenario.Servers[0].Profile.GigaMacsPerSecond, scenario.Servers[0].Profile.Slots));
        Assert.Equal("cloud-gpu", scenario.Servers[1].Profile.Name);
        Assert.Equal(new RadioProfile("private-5g", 50, 950), scenario.Users[0].Radio);
        Assert.Equal(["shop-cam", "rpi4"], scenario.DeviceClasses.Select(d => d.Name));
        Assert.Equal(569 / 15.0, Physics.ComputeMs(scenario.Catalog[Largest], scenario.Users[0].Device), 9);
    }

    private static Outcome MeasuredOnFirstRequest(Scenario scenario, PlacementAction action)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed: 3);
        Assert.Equal(0, request.LocalLoad);
        return twin.Step(action).Outcome;
    }
}
