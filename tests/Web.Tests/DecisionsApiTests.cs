using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Core.Scenarios;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class DecisionsApiTests(MigratedAppFixture fixture)
{
    private static readonly Uri Decisions = new("/api/v1/decisions", UriKind.Relative);

    private const string ValidContext = """
        { "requestId": "r-1", "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0, "networkCondition": "regular" }
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("ec_not-a-key-anyone-was-given")]
    public async Task A_missing_or_wrong_device_key_is_401_problem_details(string? apiKey)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var response = await PostAsync(client, apiKey, ValidContext);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_orchestrator_has_published_a_policy_a_valid_request_is_503_with_retry_after()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        TrackShippedScenario(app);
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, ValidContext);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Before_the_orchestrator_has_loaded_a_scenario_a_valid_request_is_503_with_retry_after()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, ValidContext);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("uplinkMbps", "0")]
    [InlineData("uplinkMbps", "-3")]
    [InlineData("uplinkMbps", "1000000")]
    [InlineData("uplinkMbps", "\"fast\"")]
    [InlineData("uplinkMbps", null)]
    [InlineData("rttEdgeMs", "-1")]
    [InlineData("rttEdgeMs", "\"5 ms\"")]
    [InlineData("rttCloudMs", "-0.5")]
    [InlineData("rttCloudMs", null)]
    [InlineData("localLoad", "-1")]
    [InlineData("localLoad", "1.5")]
    [InlineData("user", "\"nobody\"")]
    [InlineData("user", "\"\"")]
    [InlineData("user", null)]
    [InlineData("networkCondition", "\"stormy\"")]
    [InlineData("requestId", "\"\"")]
    [InlineData("colour", "\"red\"")]
    public async Task A_bad_field_is_400_validation_problem_naming_it(string field, string? value)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        TrackShippedScenario(app);
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, Context(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
    }

    [Fact]
    public async Task A_body_over_16_KB_is_refused_with_problem_details()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        TrackShippedScenario(app);
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, Context("requestId", $"\"{new string('x', 17 * 1024)}\""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(20.0, "regular")]
    [InlineData(3.0, "weak")]
    [InlineData(25.0, "regular")]
    [InlineData(2.0, "weak")]
    // The log-scale midpoint of 3 and 20 Mb/s is 7.75: 7 is weak, 10 regular (by plain difference 10 would be weak).
    [InlineData(7.0, "weak")]
    [InlineData(10.0, "regular")]
    public void Without_a_network_condition_the_nearest_by_uplink_on_a_log_scale_is_taken(double uplinkMbps, string expected)
    {
        var topology = new TopologyTracker();
        var scenario = ScenarioLoader.Load(ShippedScenarioPath());
        topology.Reset(scenario);

        // No worker registered: the servers' loads are the topology's.
        var workers = new Workers.WorkerRegistry(new DeviceHub.DeviceLiveness(Microsoft.Extensions.Options.Options.Create(new DeviceHub.DeviceHubOptions()), TimeProvider.System));
        var mapped = new ObservationMapper(topology, workers).Map(new RequestContext(null, "phone-1", uplinkMbps, 5, 40, 1, null));

        Assert.Empty(mapped.Errors);
        var observation = Assert.IsType<Core.Simulation.Observation>(mapped.Observation);
        Assert.Equal(expected, scenario.Conditions[observation.NetworkCondition].Name);
        var phone = scenario.Users[observation.User];
        Assert.Equal("phone-1", phone.Name);
        Assert.Equal(phone.DeviceClass, observation.DeviceClass);
        Assert.Equal(phone.SloMs, observation.SloMs);
        Assert.Equal(phone.AccuracyRequirement, observation.AccuracyRequirement);
        Assert.Equal(uplinkMbps, observation.UplinkMbps);
        Assert.Equal(1, observation.LocalLoad);
        Assert.Equal(scenario.Servers.Count, observation.ServerLoads.Length);
    }

    [Fact]
    public async Task After_the_orchestrator_published_a_policy_a_device_gets_a_decision_for_its_user()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Orchestrator:Enabled"] = "true",
            // DQN: its first policy is published within a second; the serving path is the same for any learner.
            ["Orchestrator:Agent"] = "dqn",
            ["Orchestrator:StepsPerSecond"] = "0",
            ["Orchestrator:EvaluateEvery"] = "50",
        });
        using var client = app.CreateClient();
        var decisions = app.Services.GetRequiredService<DecisionService>();
        await Eventually.HoldsAsync(app, () => decisions.Scenario is not null);
        var scenario = decisions.Scenario!;
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, ValidContext);
        using var withoutId = await PostAsync(client, apiKey, Context("requestId", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var command = await response.Content.ReadFromJsonAsync<ExecuteCommand>();
        Assert.NotNull(command);
        Assert.Equal("r-1", command.RequestId);
        Assert.Equal("camera-1", command.User);
        var server = scenario.Servers.SingleOrDefault(s => s.Name == command.Target);
        if (server is null)
        {
            Assert.Equal("camera-1-device", command.Target);
            Assert.Equal("device", command.TargetTier);
        }
        else
        {
            Assert.Equal(server.Tier.ToString().ToLowerInvariant(), command.TargetTier);
        }

        Assert.Contains(command.Variant, scenario.Catalog.Select(v => v.Name));
        Assert.InRange(command.Action, 0, new Core.Simulation.ActionSpace(scenario).Count - 1);
        Assert.Equal(32, command.Ticket.Length);
        Assert.Equal(HttpStatusCode.OK, withoutId.StatusCode);
        var generated = await withoutId.Content.ReadFromJsonAsync<ExecuteCommand>();
        Assert.False(string.IsNullOrEmpty(generated?.RequestId));
    }

    [Fact]
    public async Task A_decision_for_a_user_the_device_does_not_host_is_403_naming_the_field_user()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        ServedPolicy.Serve(app);
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client, users: ["phone-1"]);

        using var response = await PostAsync(client, apiKey, ValidContext);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("user", problem.GetProperty("field").GetString());
        Assert.Contains("camera-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private EdgeControlAppFactory CreateApp() => DeviceRegistration.CreateApp(fixture.ConnectionString);

    /// <summary>Loads the scenario into the topology as the orchestrator does at start-up, without training on it.</summary>
    private static void TrackShippedScenario(EdgeControlAppFactory app)
    {
        var path = app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath;
        app.Services.GetRequiredService<TopologyTracker>().Reset(ScenarioLoader.Load(path));
    }

    private static string ShippedScenarioPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "scenarios", "paper-mobilenet.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("scenarios/paper-mobilenet.json not found above the test directory");
    }

    /// <summary><see cref="ValidContext"/> with <paramref name="field"/> set to the JSON <paramref name="value"/>, or left out when null.</summary>
    private static string Context(string field, string? value)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ValidContext)!
            .ToDictionary(f => f.Key, f => f.Value.GetRawText());
        fields.Remove(field);
        if (value is not null)
        {
            fields[field] = value;
        }

        return "{ " + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + " }";
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? apiKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Decisions)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }
}
