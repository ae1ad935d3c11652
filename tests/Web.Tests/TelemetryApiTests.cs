using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class TelemetryApiTests(MigratedAppFixture fixture)
{
    private static readonly Uri Telemetry = new("/api/v1/telemetry", UriKind.Relative);

    [Fact]
    public async Task A_registered_device_posts_3_outcomes_and_all_3_are_stored()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, Batch(0, 1, 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertCountsAsync(response, accepted: 3, duplicates: 0);
        var rows = await RowsAsync(app, id);
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r.Sequence));
        var first = rows[0];
        Assert.Equal("req-0", first.RequestId);
        Assert.Equal("alice", first.UserName);
        Assert.Equal("edge-1", first.Target);
        Assert.Equal("mobilenet-0.5-160", first.Variant);
        Assert.Equal(42.5, first.LatencyMs);
        Assert.Equal(0.8, first.EnergyJ);
        Assert.Equal(0.71, first.Accuracy);
        Assert.Null(first.Reward);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:00:00Z", CultureInfo.InvariantCulture), first.ObservedAt);
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_stored_once()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        using var first = await PostAsync(client, apiKey, Batch(0, 1, 2));

        using var second = await PostAsync(client, apiKey, Batch(0, 1, 2));

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
        using var first = await PostAsync(client, apiKey, Batch(0, 1, 2));

        using var overlapping = await PostAsync(client, apiKey, Batch(1, 2, 3, 4));

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
        using var first = await PostAsync(client, firstKey, Batch(0, 1));

        using var second = await PostAsync(client, secondKey, Batch(0, 1));

        await AssertCountsAsync(second, accepted: 2, duplicates: 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ec_not-a-key-anyone-was-given")]
    public async Task A_missing_or_wrong_key_is_401_problem_details(string? apiKey)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var response = await PostAsync(client, apiKey, Batch(0));

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

        using var response = await PostAsync(client, apiKey, Batch(0));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("latencyMs", "0", "outcomes[0].latencyMs")]
    [InlineData("latencyMs", "600000", "outcomes[0].latencyMs")]
    [InlineData("latencyMs", "\"fast\"", "outcomes[0].latencyMs")]
    [InlineData("energyJ", "-0.1", "outcomes[0].energyJ")]
    [InlineData("accuracy", "1.01", "outcomes[0].accuracy")]
    [InlineData("sequence", "-1", "outcomes[0].sequence")]
    [InlineData("target", "\"\"", "outcomes[0].target")]
    [InlineData("observedAt", "\"yesterday\"", "outcomes[0].observedAt")]
    [InlineData("colour", "\"red\"", "outcomes[0].colour")]
    public async Task A_bad_field_is_400_validation_problem_naming_it(string name, string value, string field)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        // The valid value of the field is left out, so the bad one is its only value.
        var outcome = Outcome(0, except: name).Replace("}", $", \"{name}\": {value} }}", StringComparison.Ordinal);

        using var response = await PostAsync(client, apiKey, $$"""{ "outcomes": [ {{outcome}} ] }""");

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

        using var response = await PostAsync(client, apiKey, Batch([.. Enumerable.Range(0, 1001)]));

        await AssertNamesFieldAsync(response, "outcomes");
    }

    [Fact]
    public async Task A_sequence_repeated_within_one_batch_is_400_and_nothing_is_stored()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var response = await PostAsync(client, apiKey, Batch(5, 6, 5));

        await AssertNamesFieldAsync(response, "outcomes[2].sequence");
        Assert.Empty(await RowsAsync(app, id));
    }

    private EdgeControlAppFactory CreateApp() => DeviceRegistration.CreateApp(fixture.ConnectionString);

    private static string Batch(params int[] sequences) =>
        $$"""{ "outcomes": [ {{string.Join(", ", sequences.Select(s => Outcome(s)))}} ] }""";

    private static string Outcome(int sequence, string? except = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["sequence"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["requestId"] = $"\"req-{sequence}\"",
            ["user"] = "\"alice\"",
            ["target"] = "\"edge-1\"",
            ["variant"] = "\"mobilenet-0.5-160\"",
            ["latencyMs"] = "42.5",
            ["energyJ"] = "0.8",
            ["accuracy"] = "0.71",
            ["observedAt"] = $"\"{new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero).AddSeconds(sequence):O}\"",
        };
        fields.Remove(except ?? string.Empty);
        return "{ " + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + " }";
    }

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
