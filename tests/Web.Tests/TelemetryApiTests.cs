using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class TelemetryApiTests(MigratedAppFixture fixture)
{
    private static readonly Uri Telemetry = new("/api/v1/telemetry", UriKind.Relative);

    [Fact]
    public async Task A_registered_device_posts_the_outcomes_of_3_of_its_decisions_and_all_3_are_stored()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decisions = await DecideAsync(client, apiKey, 3);
        var before = DateTimeOffset.UtcNow;

        using var response = await PostAsync(client, apiKey, Batch(decisions, 0, 1, 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertCountsAsync(response, accepted: 3, duplicates: 0);
        var rows = await RowsAsync(app, id);
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r.Sequence));
        var first = rows[0];
        Assert.Equal("req-0", first.RequestId);
        Assert.Equal("camera-1", first.UserName);
        Assert.Equal(decisions[0].Target, first.Target);
        Assert.Equal(decisions[0].Variant, first.Variant);
        Assert.Equal(42.5, first.LatencyMs);
        Assert.Equal(0.8, first.EnergyJ);
        Assert.Equal(0.71, first.Accuracy);
        // With its decision's context and reward, as over the hub: a whole experience for the learner that follows the log.
        Assert.NotNull(first.Reward);
        Assert.Equal(decisions[0].Action, first.Action);
        Assert.Equal("paper-mobilenet", first.Scenario);
        Assert.NotNull(first.ServerLoads);
        Assert.InRange(first.ObservedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_stored_once_and_the_second_time_counts_as_duplicates_not_refusals()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var batch = Batch(await DecideAsync(client, apiKey, 3), 0, 1, 2);
        using var first = await PostAsync(client, apiKey, batch);

        using var second = await PostAsync(client, apiKey, batch);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertCountsAsync(second, accepted: 0, duplicates: 3);
        Assert.Equal(3, (await RowsAsync(app, id)).Count);
    }

    [Fact]
    public async Task An_overlapping_batch_stores_only_the_new_sequences()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decisions = await DecideAsync(client, apiKey, 5);
        using var first = await PostAsync(client, apiKey, Batch(decisions, 0, 1, 2));

        using var overlapping = await PostAsync(client, apiKey, Batch(decisions, 1, 2, 3, 4));

        await AssertCountsAsync(overlapping, accepted: 2, duplicates: 2);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], (await RowsAsync(app, id)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Sequences_are_per_device_so_two_devices_may_use_the_same_numbers()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, firstKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var (_, secondKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        using var first = await PostAsync(client, firstKey, Batch(await DecideAsync(client, firstKey, 2), 0, 1));

        using var second = await PostAsync(client, secondKey, Batch(await DecideAsync(client, secondKey, 2), 0, 1));

        await AssertCountsAsync(second, accepted: 2, duplicates: 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ec_not-a-key-anyone-was-given")]
    public async Task A_missing_or_wrong_key_is_401_problem_details(string? apiKey)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var response = await PostAsync(client, apiKey, ServedPolicy.Batch(Outcome(0)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_401()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        await SignIn.AsAdminAsync(client);
        using var revoked = await DashboardRequest.SendAsync(client, HttpMethod.Delete, $"/api/v1/devices/{id}");

        using var response = await PostAsync(client, apiKey, ServedPolicy.Batch(Outcome(0)));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("user", null, "outcomes[0].user")]
    [InlineData("action", null, "outcomes[0].action")]
    [InlineData("observedAt", null, "outcomes[0].observedAt")]
    [InlineData("latencyMs", "0", "outcomes[0].latencyMs")]
    [InlineData("latencyMs", "0.0", "outcomes[0].latencyMs")]
    [InlineData("latencyMs", "600000", "outcomes[0].latencyMs")]
    [InlineData("latencyMs", "\"fast\"", "outcomes[0].latencyMs")]
    [InlineData("energyJ", "-0.1", "outcomes[0].energyJ")]
    [InlineData("energyJ", "0", "outcomes[0].energyJ")]
    [InlineData("energyJ", "10000", "outcomes[0].energyJ")]
    [InlineData("observedAt", "\"0001-01-01T00:00:00Z\"", "outcomes[0].observedAt")]
    [InlineData("observedAt", "\"9999-12-31T23:59:59Z\"", "outcomes[0].observedAt")]
    [InlineData("observedAt", "\"2000-01-01T00:00:00Z\"", "outcomes[0].observedAt")]
    [InlineData("action", "-1", "outcomes[0].action")]
    [InlineData("action", "\"edge\"", "outcomes[0].action")]
    [InlineData("user", "\"\"", "outcomes[0].user")]
    [InlineData("ticket", "\"a-ticket-far-longer-than-any-the-control-plane-issues\"", "outcomes[0].ticket")]
    [InlineData("accuracy", "1.01", "outcomes[0].accuracy")]
    [InlineData("sequence", "-1", "outcomes[0].sequence")]
    [InlineData("target", "\"\"", "outcomes[0].target")]
    [InlineData("observedAt", "\"yesterday\"", "outcomes[0].observedAt")]
    [InlineData("colour", "\"red\"", "outcomes[0].colour")]
    public async Task A_bad_or_missing_field_is_400_validation_problem_naming_it(string name, string? value, string field)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        using var response = await PostAsync(client, apiKey, ServedPolicy.Batch(Outcome(0, (name, value))));

        await AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("""{ "outcomes": [] }""")]
    [InlineData("""{ }""")]
    public async Task An_empty_batch_is_400_naming_outcomes(string body)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, body);

        await AssertNamesFieldAsync(response, "outcomes");
    }

    [Fact]
    public async Task A_batch_of_1001_outcomes_is_400_naming_outcomes()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, ServedPolicy.Batch([.. Enumerable.Range(0, 1001).Select(i => Outcome(i))]));

        await AssertNamesFieldAsync(response, "outcomes");
    }

    [Fact]
    public async Task A_sequence_repeated_within_one_batch_is_400_and_nothing_is_stored()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, Batch(await DecideAsync(client, apiKey, 3), 0, 1, 0));

        await AssertNamesFieldAsync(response, "outcomes[2].sequence");
        Assert.Empty(await RowsAsync(app, id));
    }

    /// <summary>The app with a policy to decide with (the orchestrator is off in tests).</summary>
    private EdgeControlAppFactory CreateApp()
    {
        var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        ServedPolicy.Serve(app);
        return app;
    }

    /// <summary><paramref name="count"/> decisions for camera-1, request ids req-0, req-1, ...</summary>
    private static async Task<List<ExecuteCommand>> DecideAsync(HttpClient client, string apiKey, int count)
    {
        var decisions = new List<ExecuteCommand>();
        for (var i = 0; i < count; i++)
        {
            decisions.Add(await ServedPolicy.DecideAsync(client, apiKey, $"req-{i}"));
        }

        return decisions;
    }

    /// <summary>The outcomes of <paramref name="decisions"/>[i] under sequence i, for each i of <paramref name="sequences"/>.</summary>
    private static string Batch(List<ExecuteCommand> decisions, params int[] sequences) =>
        ServedPolicy.Batch([.. sequences.Select(i => ServedPolicy.Outcome(decisions[i], i))]);

    /// <summary>An outcome valid in every field, of a decision never issued (enough for checks made before any ticket is looked at).</summary>
    private static string Outcome(int sequence, params (string Field, string? Json)[] replace) =>
        ServedPolicy.Outcome(new ExecuteCommand($"req-{sequence}", "camera-1", "edge-1", "edge", "mobilenet-0.5-160", 3, "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp"), sequence, replace);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? apiKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Telemetry)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }

    private static async Task<List<DecisionLogEntity>> RowsAsync(EdgeControlAppFactory app, Guid nodeId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        return await db.DecisionLog.Where(d => d.NodeId == nodeId).OrderBy(d => d.Sequence).ToListAsync();
    }

    private static async Task AssertCountsAsync(HttpResponseMessage response, int accepted, int duplicates)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(accepted, body.GetProperty("accepted").GetInt32());
        Assert.Equal(duplicates, body.GetProperty("duplicates").GetInt32());
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
    }
}
