using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>What a valid scenario file turns into.</summary>
public class ScenarioLoaderTests
{
    [Fact]
    public void The_shipped_scenario_is_valid()
    {
        var scenario = ScenarioLoader.Load(RepositoryFiles.ShippedScenarioPath);

        Assert.Equal("paper-mobilenet", scenario.Name);
        Assert.Contains(scenario.Servers, s => s.Tier == Tier.Edge);
        Assert.Contains(scenario.Servers, s => s.Tier == Tier.Cloud);
        Assert.Same(PublishedFigures.MobileNetV1, scenario.Catalog);
    }

    [Fact]
    public void The_annotated_example_in_the_schema_documentation_is_a_valid_scenario()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "scenarios.md"));
        var section = markdown[markdown.IndexOf("## An annotated example", StringComparison.Ordinal)..];
        var start = section.IndexOf("```jsonc\n", StringComparison.Ordinal) + "```jsonc\n".Length;
        var json = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];

        var scenario = ScenarioLoader.Parse(json);

        Assert.Equal("two-users", scenario.Name);
        Assert.Equal(["camera-1", "camera-2", "camera-3", "sensor"], scenario.Users.Select(u => u.Name));
        Assert.Equal(7, scenario.EvaluationSeed);
        Assert.Equal(15.0, Assert.IsType<TraceNetwork>(scenario.Users[3].Network).PeriodSeconds);
    }

    [Fact]
    public void Every_field_of_a_valid_file_reaches_the_scenario()
    {
        var scenario = TestScenarios.Load(("description", "\"two users\""), ("measurementNoise", "0.1"), ("servers[1].backgroundLoad", "2.5"));

        Assert.Equal("test", scenario.Name);
        Assert.Equal("two users", scenario.Description);
        Assert.Equal(1, scenario.Seed);
        Assert.Equal("mobilenet_v1", scenario.CatalogName);
        Assert.Equal(0.1, scenario.MeasurementNoise);
        Assert.Equal(new RewardWeights(0.5, 2), scenario.Reward);
        Assert.Equal([new NetworkCondition("regular", 20, 5, 40), new NetworkCondition("weak", 3, 25, 90)], scenario.Conditions);
        Assert.Equal(["edge-1", "cloud-1"], scenario.Servers.Select(s => s.Name));
        Assert.Equal(["edge-cpu", "cloud-gpu"], scenario.Servers.Select(s => s.Profile.Name));
        Assert.Equal([0.0, 2.5], scenario.Servers.Select(s => s.BackgroundLoad));
        Assert.Equal(100, scenario.EvaluationObservations);
        Assert.Equal(3, scenario.EvaluationSeed);

        var camera = scenario.Users[0];
        Assert.Equal(("camera", "rpi4", "wifi"), (camera.Name, camera.Device.Name, camera.Radio.Name));
        Assert.Equal((0.65, 150.0, 0.5, 4.0), (camera.AccuracyRequirement, camera.SloMs, camera.EnergyWeight, camera.ArrivalRatePerSecond));
        var markov = Assert.IsType<MarkovNetwork>(camera.Network);
        Assert.Equal(0, markov.InitialCondition);
        Assert.Equal([0.9, 0.1], markov.Transitions[0]);
        Assert.Equal([0.2, 0.8], markov.Transitions[1]);

        var sensor = scenario.Users[1];
        Assert.Equal(("sensor", "rpi3", "lte"), (sensor.Name, sensor.Device.Name, sensor.Radio.Name));
        var trace = Assert.IsType<TraceNetwork>(sensor.Network);
        Assert.Equal([0, 1], trace.Conditions);
        Assert.Equal([1.0, 2.0], trace.Seconds);
        Assert.Equal(3.0, trace.PeriodSeconds);
    }

    [Fact]
    public void Optional_fields_take_their_documented_defaults()
    {
        var scenario = TestScenarios.Load(("measurementNoise", null), ("evaluation", null), ("seed", "41"));

        Assert.Equal("", scenario.Description);
        Assert.Equal(0.0, scenario.MeasurementNoise);
        Assert.All(scenario.Servers, s => Assert.Equal(0.0, s.BackgroundLoad));
        Assert.Equal(2, scenario.Users.Count);
        Assert.Equal(1000, scenario.EvaluationObservations);
        Assert.Equal(42, scenario.EvaluationSeed);
    }

    [Fact]
    public void Count_replicates_a_user_with_numbered_names()
    {
        var scenario = TestScenarios.Load(("users[0].count", "3"));

        Assert.Equal(["camera-1", "camera-2", "camera-3", "sensor"], scenario.Users.Select(u => u.Name));
        Assert.All(scenario.Users.Take(3), u => Assert.Equal(scenario.Users[0] with { Name = u.Name }, u));
    }

    [Fact]
    public void Users_on_the_same_device_profile_share_a_device_class()
    {
        var scenario = TestScenarios.Load(("users[0].count", "2"), ("users[1].device", "\"rpi4\""));

        Assert.All(scenario.Users, u => Assert.Equal(0, u.DeviceClass));
        Assert.Equal(["rpi4"], scenario.DeviceClasses.Select(d => d.Name));

        var mixed = TestScenarios.Valid();
        Assert.Equal([0, 1], mixed.Users.Select(u => u.DeviceClass));
        Assert.Equal(["rpi4", "rpi3"], mixed.DeviceClasses.Select(d => d.Name));
    }

    [Fact]
    public void A_condition_without_a_transition_row_stays_as_it_is()
    {
        var scenario = TestScenarios.Load(("users[0].network.transitions.weak", null));

        var markov = Assert.IsType<MarkovNetwork>(scenario.Users[0].Network);
        Assert.Equal([0.0, 1.0], markov.Transitions[1]);
    }

    [Fact]
    public void A_markov_network_without_transitions_never_leaves_its_initial_condition()
    {
        var scenario = TestScenarios.Load(("users[0].network", """{ "initial": "weak" }"""));

        var markov = Assert.IsType<MarkovNetwork>(scenario.Users[0].Network);
        Assert.Equal(1, markov.InitialCondition);
        Assert.Equal([[1.0, 0.0], [0.0, 1.0]], markov.Transitions);
    }

    [Fact]
    public void Accuracy_requirement_and_noise_accept_their_bounds()
    {
        var scenario = TestScenarios.Load(("users[0].accuracyRequirement", "0"), ("users[1].accuracyRequirement", "1"), ("measurementNoise", "1"));

        Assert.Equal([0.0, 1.0], scenario.Users.Select(u => u.AccuracyRequirement));
        Assert.Equal(1.0, scenario.MeasurementNoise);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var json = TestScenarios.ValidJson
            .Replace("\"seed\": 1,", "// the run's seed\n  \"seed\": 1,", StringComparison.Ordinal)
            .Replace("\"accuracyPenalty\": 2 }", "\"accuracyPenalty\": 2, }", StringComparison.Ordinal);

        Assert.Equal(1, ScenarioLoader.Parse(json).Seed);
    }
}
