using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>Every way a scenario file can be wrong is reported as "field: reason", naming the field.</summary>
public class ScenarioValidationTests
{
    [Theory]
    // document level
    [InlineData("name", null, "name", "is required")]
    [InlineData("name", "\"  \"", "name", "is required")]
    [InlineData("seed", null, "seed", "is required")]
    [InlineData("seed", "\"forty-two\"", "seed", "whole number")]
    [InlineData("seed", "1.5", "seed", "whole number")]
    [InlineData("catalog", null, "catalog", "is required")]
    [InlineData("catalog", "\"resnet50\"", "catalog", "unknown catalog 'resnet50'")]
    [InlineData("measurementNoise", "1.5", "measurementNoise", "between 0 and 1")]
    [InlineData("measurementNoise", "-0.1", "measurementNoise", "between 0 and 1")]
    [InlineData("nmae", "\"typo\"", "nmae", "unknown property 'nmae'")]
    [InlineData("Name", "\"test\"", "Name", "unknown property 'Name'")]
    // reward
    [InlineData("reward", null, "reward", "is required")]
    [InlineData("reward", "0.5", "reward", "object")]
    [InlineData("reward.energyReferenceJ", null, "reward.energyReferenceJ", "is required")]
    [InlineData("reward.energyReferenceJ", "0", "reward.energyReferenceJ", "positive")]
    [InlineData("reward.accuracyPenalty", "-1", "reward.accuracyPenalty", "zero or positive")]
    [InlineData("reward.accuracyPenalty", "\"high\"", "reward.accuracyPenalty", "number")]
    // network conditions
    [InlineData("networkConditions", null, "networkConditions", "at least one")]
    [InlineData("networkConditions", "[]", "networkConditions", "at least one")]
    [InlineData("networkConditions", "{}", "networkConditions", "list")]
    [InlineData("networkConditions[0]", "null", "networkConditions[0]", "is required")]
    [InlineData("networkConditions[1].name", "\"regular\"", "networkConditions[1].name", "duplicate network condition 'regular'")]
    [InlineData("networkConditions[0].uplinkMbps", "0", "networkConditions[0].uplinkMbps", "positive")]
    [InlineData("networkConditions[0].uplinkMbps", "\"fast\"", "networkConditions[0].uplinkMbps", "number")]
    [InlineData("networkConditions[0].rttEdgeMs", "-1", "networkConditions[0].rttEdgeMs", "zero or positive")]
    [InlineData("networkConditions[1].rttCloudMs", null, "networkConditions[1].rttCloudMs", "is required")]
    // servers
    [InlineData("servers", null, "servers", "at least one")]
    [InlineData("servers", "[]", "servers", "at least one")]
    [InlineData("servers[1]", "null", "servers[1]", "is required")]
    [InlineData("servers[0].name", null, "servers[0].name", "is required")]
    [InlineData("servers[1].name", "\"edge-1\"", "servers[1].name", "duplicate server 'edge-1'")]
    [InlineData("servers[0].profile", "\"tpu-pod\"", "servers[0].profile", "unknown node profile 'tpu-pod'")]
    [InlineData("servers[0].profile", "\"rpi4\"", "servers[0].profile", "'rpi4' is a device profile")]
    [InlineData("servers[1].backgroundLoad", "-1", "servers[1].backgroundLoad", "between 0 and 1000")]
    [InlineData("servers[0].gpu", "true", "servers[0].gpu", "unknown property 'gpu'")]
    // users
    [InlineData("users", null, "users", "at least one")]
    [InlineData("users", "[]", "users", "at least one")]
    [InlineData("users[1]", "null", "users[1]", "is required")]
    [InlineData("users[0].name", null, "users[0].name", "is required")]
    [InlineData("users[1].name", "\"camera\"", "users[1].name", "duplicate user 'camera'")]
    [InlineData("users[0].count", "0", "users[0].count", "between 1 and 10000")]
    [InlineData("users[0].count", "10001", "users[0].count", "between 1 and 10000")]
    [InlineData("users[0].count", "2.5", "users[0].count", "whole number")]
    [InlineData("users[0].device", null, "users[0].device", "is required")]
    [InlineData("users[0].device", "\"rpi5\"", "users[0].device", "unknown node profile 'rpi5'")]
    [InlineData("users[0].device", "\"edge-cpu\"", "users[0].device", "not a device")]
    [InlineData("users[1].radio", "\"5g\"", "users[1].radio", "unknown radio '5g'")]
    [InlineData("users[1].radio", null, "users[1].radio", "is required")]
    [InlineData("users[0].accuracyRequirement", "1.2", "users[0].accuracyRequirement", "between 0 and 1")]
    [InlineData("users[0].accuracyRequirement", "-0.1", "users[0].accuracyRequirement", "between 0 and 1")]
    [InlineData("users[0].accuracyRequirement", null, "users[0].accuracyRequirement", "is required")]
    [InlineData("users[0].sloMs", "-150", "users[0].sloMs", "positive")]
    [InlineData("users[0].sloMs", "0", "users[0].sloMs", "positive")]
    [InlineData("users[0].name", "42", "users[0].name", "string")]
    [InlineData("users[0].sloMs", "\"150ms\"", "users[0].sloMs", "number")]
    [InlineData("users[1].sloMs", null, "users[1].sloMs", "is required")]
    [InlineData("users[0].energyWeight", "-0.5", "users[0].energyWeight", "zero or positive")]
    [InlineData("users[0].arrivalRatePerSecond", "0", "users[0].arrivalRatePerSecond", "positive")]
    [InlineData("users[0].priority", "1", "users[0].priority", "unknown property 'priority'")]
    // Markov network
    [InlineData("users[0].network", null, "users[0].network", "is required")]
    [InlineData("users[0].network.initial", null, "users[0].network.initial", "is required")]
    [InlineData("users[0].network.initial", "\"storm\"", "users[0].network.initial", "unknown network condition 'storm'")]
    [InlineData("users[0].network.transitions.regular.weak", "0.2", "users[0].network.transitions.regular", "must sum to 1")]
    [InlineData("users[0].network.transitions.weak", "{ \"weak\": 0.5 }", "users[0].network.transitions.weak", "must sum to 1")]
    [InlineData("users[0].network.transitions.regular.weak", "1.5", "users[0].network.transitions.regular.weak", "between 0 and 1")]
    [InlineData("users[0].network.transitions.regular.weak", "-0.1", "users[0].network.transitions.regular.weak", "between 0 and 1")]
    [InlineData("users[0].network.transitions.storm", "{ \"regular\": 1 }", "users[0].network.transitions.storm", "unknown network condition 'storm'")]
    [InlineData("users[0].network.transitions.regular.storm", "0", "users[0].network.transitions.regular.storm", "unknown network condition 'storm'")]
    [InlineData("users[0].network.transitions.regular", "0.9", "users[0].network.transitions.regular", "object")]
    [InlineData("users[0].network.transitions.regular", "null", "users[0].network.transitions.regular", "object")]
    [InlineData("users[0].network.trace", "[ { \"condition\": \"weak\", \"seconds\": 1 } ]", "users[0].network", "not both")]
    // trace network
    [InlineData("users[1].network.trace", "[]", "users[1].network.trace", "at least one step")]
    [InlineData("users[1].network.transitions", "{ \"regular\": { \"regular\": 1 } }", "users[1].network", "not both")]
    [InlineData("users[1].network.trace[1].condition", "\"storm\"", "users[1].network.trace[1].condition", "unknown network condition 'storm'")]
    [InlineData("users[1].network.trace[1].condition", null, "users[1].network.trace[1].condition", "is required")]
    [InlineData("users[1].network.trace[0].seconds", "0", "users[1].network.trace[0].seconds", "positive")]
    [InlineData("users[1].network.trace[0].seconds", "-2", "users[1].network.trace[0].seconds", "positive")]
    [InlineData("users[1].network.initial", "\"weak\"", "users[1].network.initial", "trace starts at its first step")]
    [InlineData("users[1].network.trace[0]", "null", "users[1].network.trace[0]", "is required")]
    [InlineData("users[1].network.trace[0].seconds", null, "users[1].network.trace[0].seconds", "is required")]
    // evaluation
    [InlineData("evaluation.observations", "9", "evaluation.observations", "between 10 and 1000000")]
    [InlineData("evaluation.observations", "1000001", "evaluation.observations", "between 10 and 1000000")]
    [InlineData("evaluation.seed", "\"seven\"", "evaluation.seed", "whole number")]
    [InlineData("evaluation", "[]", "evaluation", "object")]
    [InlineData("evaluation.size", "10", "evaluation.size", "unknown property 'size'")]
    public void Each_invalid_field_is_named_with_its_reason(string path, string? value, string field, string reason)
    {
        var json = TestScenarios.With((path, value));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal($"{field}: {error.Reason}", error.Message);
    }

    [Fact]
    public void A_replicated_user_clashing_with_another_users_name_is_reported_at_the_later_user()
    {
        var json = TestScenarios.With(("users[0].count", "3"), ("users[1].name", "\"camera-2\""));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("users[1].name", error.Field);
        Assert.Contains("duplicate user 'camera-2'", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users[0].device", "\"rpi9\"", "rpi4, rpi3, edge-cpu, cloud-gpu")]
    [InlineData("users[0].radio", "\"5g\"", "wifi, lte, 3g")]
    [InlineData("catalog", "\"resnet\"", "mobilenet_v1")]
    [InlineData("users[0].network.initial", "\"storm\"", "regular, weak")]
    public void An_unknown_name_lists_the_known_ones(string path, string value, string known)
    {
        var error = Assert.Throws<ScenarioException>(() => TestScenarios.Load((path, value)));

        Assert.Contains($"(known: {known})", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(" \n ", "is empty")]
    [InlineData("null", "is empty")]
    [InlineData("[]", "must be an object")]
    [InlineData("42", "must be an object")]
    public void A_document_that_is_not_a_scenario_object_is_rejected(string json, string reason)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("(document)", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_path_and_line_where_it_broke()
    {
        var json = TestScenarios.ValidJson.Replace("\"sloMs\": 150,", "\"sloMs\": 150,,", StringComparison.Ordinal);
        var line = json[..json.IndexOf(",,", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("users[0]", error.Field);
        Assert.EndsWith($"(line {line})", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_rejected_with_where_it_ended()
    {
        var json = TestScenarios.ValidJson[..(TestScenarios.ValidJson.Length / 2)];

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains("(line ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-scenario-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
